// Odds are integers in millionths everywhere past the edge: the draw's random integer is drawn
// from [0, PROBABILITY_SCALE) and compared with them, so no float ever decides a prize.
export const PROBABILITY_SCALE = 1_000_000;
