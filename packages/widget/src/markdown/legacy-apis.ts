/**
 * marked 18 calls `Array.prototype.at`, `String.prototype.at` and `Object.hasOwn`, which Chromium 80
 * (the script tag's floor: 360 / QQ browsers) lacks and esbuild's target does not polyfill.
 * Installed on first use, only where missing, with the standard semantics.
 */
let checked = false;

function at<T>(this: ArrayLike<T>, index: number): T | undefined {
  const length = this.length;
  const relative = Math.trunc(index) || 0;
  const k = relative >= 0 ? relative : length + relative;
  return k < 0 || k >= length ? undefined : this[k];
}

function install(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

export function ensureLegacyApis(): void {
  if (checked) return;
  checked = true;
  if (typeof Array.prototype.at !== 'function') install(Array.prototype, 'at', at);
  if (typeof String.prototype.at !== 'function') {
    install(String.prototype, 'at', function (this: string, index: number) {
      return at.call(String(this), index);
    });
  }
  if (typeof Object.hasOwn !== 'function') {
    install(Object, 'hasOwn', (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key));
  }
}
