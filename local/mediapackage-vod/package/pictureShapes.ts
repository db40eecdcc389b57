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
  /** `W:H` of the set's first rendition, set on every other member; undefined when its size is unknown. */
  readonly aspect: string | undefined;
}

/** Groups renditions by picture shape, in order of first appearance. A rendition of unknown size joins the first set. */
export function pictureShapes(resolutions: readonly ({ width: number; height: number } | undefined)[]): PictureShape[] {
  const shapes: { ratio: number | undefined; aspect: string | undefined; renditions: number[] }[] = [];
  resolutions.forEach((resolution, index) => {
    const ratio = resolution && resolution.height > 0 ? resolution.width / resolution.height : undefined;
    const shape =
      ratio === undefined
        ? shapes[0]
        : shapes.find((candidate) => candidate.ratio === undefined || Math.abs(candidate.ratio / ratio - 1) <= SAME_SHAPE_TOLERANCE);
    if (shape) {
      shape.renditions.push(index);
      if (shape.ratio === undefined && resolution && ratio !== undefined) {
        shape.ratio = ratio;
        shape.aspect = `${resolution.width}:${resolution.height}`;
      }
    } else {
      shapes.push({ ratio, aspect: resolution ? `${resolution.width}:${resolution.height}` : undefined, renditions: [index] });
    }
  });
  return shapes.map(({ renditions, aspect }) => ({ renditions, aspect }));
}
