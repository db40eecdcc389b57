// Which video renditions share a DASH adaptation set. A player switches seamlessly only between
// representations of one picture shape, and ffmpeg's DASH muxer (since 4.3) refuses an adaptation
// set whose representations' display aspect ratios differ at all ("Conflicting stream aspect
// ratios values in Adaptation Set"). Ladders round sizes to even pixels, so 426x240 sits beside
// 640x360: such near misses join the first rendition's set and are given its exact aspect ratio
// (a container-level sample aspect ratio, the pictures are untouched); a truly different shape
// (a 4:3 rendition in a 16:9 ladder) gets an adaptation set of its own.

/** How far apart two display aspect ratios may be and still be one shape: well above rounding to even pixels, well below 16:9 vs 4:3. */
const SAME_SHAPE_TOLERANCE = 0.02;

export interface PictureShape {
  /** Indexes into the renditions given, in their order. */
  readonly renditions: readonly number[];
  /** `W:H` of the set's first rendition of known size, set on every member; undefined when no size is known. */
  readonly aspect: string | undefined;
}

/** Groups renditions by picture shape, in order of first appearance. A rendition of unknown size joins the first set. */
export function pictureShapes(resolutions: readonly ({ width: number; height: number } | undefined)[]): PictureShape[] {
  const shapes: { ratio: number; aspect: string; renditions: number[] }[] = [];
  const unknown: number[] = [];
  resolutions.forEach((resolution, index) => {
    if (!resolution || resolution.height <= 0) {
      unknown.push(index);
      return;
    }
    const ratio = resolution.width / resolution.height;
    const shape = shapes.find((candidate) => Math.abs(candidate.ratio / ratio - 1) <= SAME_SHAPE_TOLERANCE);
    if (shape) shape.renditions.push(index);
    else shapes.push({ ratio, aspect: `${resolution.width}:${resolution.height}`, renditions: [index] });
  });
  const [first] = shapes;
  if (!first) return unknown.length > 0 ? [{ renditions: unknown, aspect: undefined }] : [];
  first.renditions.push(...unknown);
  first.renditions.sort((a, b) => a - b);
  return shapes.map(({ renditions, aspect }) => ({ renditions, aspect }));
}
