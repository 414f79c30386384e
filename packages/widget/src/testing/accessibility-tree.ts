import { cdp } from 'vitest/browser';

/** A node of Chromium's accessibility tree: what a screen reader gets through the platform API. */
export interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
}

type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** The accessibility tree of this test's page, as Chromium builds it when a screen reader asks (here: now). */
export async function accessibilityTree(): Promise<AXNode[]> {
  const session = cdp();
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const all = [frameTree];
  for (const frame of all) all.push(...(frame.childFrames ?? []));
  const frameId = all.find((frame) => frame.frame.url === location.href)!.frame.id;
  const { nodes } = (await session.send('Accessibility.getFullAXTree', { frameId })) as { nodes: AXNode[] };
  return nodes.filter((node) => !node.ignored);
}
