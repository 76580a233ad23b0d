// The one error type the simulator throws, so callers (the demo command, test setup) can print
// its message as-is instead of a stack trace.
export class SimulatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SimulatorError";
  }
}
