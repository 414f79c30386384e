/**
 * `Object.hasOwn` (Chrome 93) where it is missing, for lowlight, which calls it when it registers
 * its grammars: the script tag runs on Chromium 80 (360 / QQ browsers). Imported by the code
 * highlighter before lowlight, so it is in place when lowlight's module runs; installed only in
 * engines without it, as specified (an own property, not enumerable).
 */
if (typeof Object.hasOwn !== 'function') {
  Object.defineProperty(Object, 'hasOwn', {
    value: (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(Object(object), key),
    configurable: true,
    writable: true,
  });
}
