/** One measured figure of `npm run bench`, printed with its target. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target: number;
  pass: boolean;
}
