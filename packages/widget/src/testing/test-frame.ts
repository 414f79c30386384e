import { cdp } from 'vitest/browser';

type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** Chromium's id of the frame this test runs in (the test runner's page holds it as an iframe): what CDP names it by. */
export async function testFrameId(): Promise<string> {
  const { frameTree } = (await cdp().send('Page.getFrameTree')) as { frameTree: FrameTree };
  const all = [frameTree];
  for (const frame of all) all.push(...(frame.childFrames ?? []));
  return all.find((frame) => frame.frame.url === location.href)!.frame.id;
}
