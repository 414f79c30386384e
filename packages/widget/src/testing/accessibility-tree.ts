import { cdp } from 'vitest/browser';
import { testFrameId } from './test-frame.js';

/** A node of Chromium's accessibility tree: what a screen reader gets through the platform API. */
export interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
}

/** The accessibility tree of this test's page, as Chromium builds it when a screen reader asks (here: now). */
export async function accessibilityTree(): Promise<AXNode[]> {
  const { nodes } = (await cdp().send('Accessibility.getFullAXTree', { frameId: await testFrameId() })) as { nodes: AXNode[] };
  return nodes.filter((node) => !node.ignored);
}
