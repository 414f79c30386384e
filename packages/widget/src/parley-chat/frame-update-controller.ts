import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Coalesces update requests into one per animation frame. A gateway can deliver hundreds of
 * tokens a second; the element renders what arrived at most once per frame, and only the open
 * tail of the answer changes (`<parley-markdown>` keeps finished blocks).
 */
export class FrameUpdateController implements ReactiveController {
  private frame: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly update: () => void = () => host.requestUpdate(),
  ) {
    host.addController(this);
  }

  schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.update();
    });
  }

  hostDisconnected(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }
}
