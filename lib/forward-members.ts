// For a stand-in of a built-in (the hot lane's Request, jsonResponse's Response) that makes the
// real object only when a member it does not answer itself is used.

/**
 * Defines on `proto` every member of `builtin` (a built-in's prototype) that `own` does not name,
 * each answered by the real object `real(self)` gives: a method runs with it as `this`, a getter
 * reads it.
 */
export function forwardMembers<Self>(
  proto: object,
  builtin: object,
  own: ReadonlySet<string>,
  real: (self: Self) => object,
): void {
  for (const name of Object.getOwnPropertyNames(builtin)) {
    if (name === 'constructor' || own.has(name)) continue;
    const of = (self: Self) => real(self) as Record<string, unknown>;
    const isMethod = typeof Object.getOwnPropertyDescriptor(builtin, name)!.value === 'function';
    Object.defineProperty(
      proto,
      name,
      isMethod
        ? {
            value(this: Self, ...args: unknown[]) {
              return (of(this)[name] as (...a: unknown[]) => unknown)(...args);
            },
          }
        : {
            get(this: Self) {
              return of(this)[name];
            },
          },
    );
  }
}
