// The chi-square math lives in lib/odds (the odds-drift alarm uses it too); tests import it from here as before.
export { chiSquare, chiSquarePValue } from '../../lib/odds/chi-square';
