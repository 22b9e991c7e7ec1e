/** Messages between the solver pool (main thread) and a HiGHS worker thread. */

/** HiGHS option values as the legacy `solve` accepts them (e.g. time_limit, mip_rel_gap, presolve). */
export type HighsOptionValues = Readonly<Record<string, number | string | boolean>>;

export interface SolveRequest {
  readonly id: number;
  /** The model in CPLEX LP format. */
  readonly lp: string;
  readonly options: HighsOptionValues;
}

export interface SolveReply {
  readonly id: number;
  /** HiGHS model-status words ('Optimal', 'Infeasible', 'Time limit reached', …); 'Error' when `error` is set. */
  readonly status: string;
  /** Null unless HiGHS reports a usable solution (optimal, or a limit reached with a primal solution). */
  readonly objective: number | null;
  /** Primal value by column name; empty when there is no solution. */
  readonly columns: Record<string, number>;
  /** Relative MIP gap when the model had integer columns and a solution; absent for pure LPs. */
  readonly gap?: number | null;
  /** Set when HiGHS threw (unreadable model, bad option, Wasm abort or out of memory). */
  readonly error?: string;
}
