/**
 * When the diagram should refit itself. Pure, so the rules are tested without a browser: fit once
 * the nodes are measured, again whenever the pane changes size (a tab shown, a column collapsed,
 * the window resized), and when new content spills out of view — but never after the person has
 * panned or zoomed, so the diagram does not fight them.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FitState {
  /** Pane size at the last automatic fit; null before the first. */
  readonly fittedPane: { readonly width: number; readonly height: number } | null;
  /** The person panned or zoomed since the last fit. */
  readonly userMoved: boolean;
}

export type FitReason = 'first' | 'resized' | 'overflow';

/** Screen pixels a node may poke out before it counts as not fitting (sub-pixel rounding). */
const SLACK = 0.5;

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * Whether a gesture actually moved the view. A press on a node's button (e.g. "+ cause" on a
 * bone that is not draggable) starts and ends a pan gesture that moves nothing; counting that
 * as "the person took over" stopped the diagram from ever refitting.
 */
export function viewportMoved(before: Viewport, after: Viewport): boolean {
  return (
    Math.abs(before.x - after.x) > SLACK ||
    Math.abs(before.y - after.y) > SLACK ||
    Math.abs(before.zoom - after.zoom) > 1e-4
  );
}

/** The content's bounds, in screen pixels of the pane, under viewport (x, y, zoom). */
export function onScreen(bounds: Rect, viewport: Viewport): Rect {
  return {
    x: bounds.x * viewport.zoom + viewport.x,
    y: bounds.y * viewport.zoom + viewport.y,
    width: bounds.width * viewport.zoom,
    height: bounds.height * viewport.zoom,
  };
}

/** Why the view should be fitted now, or null to leave it alone. */
export function fitReason(
  state: FitState,
  pane: { readonly width: number; readonly height: number },
  content: Rect,
): FitReason | null {
  if (pane.width <= 0 || pane.height <= 0 || state.userMoved) return null;
  if (state.fittedPane === null) return 'first';
  if (state.fittedPane.width !== pane.width || state.fittedPane.height !== pane.height) {
    return 'resized';
  }
  const fits =
    content.x >= -SLACK &&
    content.y >= -SLACK &&
    content.x + content.width <= pane.width + SLACK &&
    content.y + content.height <= pane.height + SLACK;
  return fits ? null : 'overflow';
}
