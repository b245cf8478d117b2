// For a stand-in of a built-in (the hot lane's Request and Headers, jsonResponse's Response) that
// makes the real object only when a member it does not answer itself is used.

/**
 * Defines on `proto` every member of `builtin` (a built-in's prototype) that `own` does not name,
 * plus the symbols in `symbols`, each answered by the built-in's own member on the real object
 * `real(self)` gives: a method runs with it as `this`, a getter reads it. The real object may be
 * the stand-in itself, once it is whole (the lane's Headers, filled).
 */
export function forwardMembers<Self>(
  proto: object,
  builtin: object,
  own: ReadonlySet<string>,
  real: (self: Self) => object,
  symbols: readonly symbol[] = [],
): void {
  for (const key of [...Object.getOwnPropertyNames(builtin), ...symbols]) {
    if (key === 'constructor' || (typeof key === 'string' && own.has(key))) continue;
    const member = Object.getOwnPropertyDescriptor(builtin, key)!;
    const method = member.value as ((...a: unknown[]) => unknown) | undefined;
    Object.defineProperty(
      proto,
      key,
      typeof method === 'function'
        ? {
            value(this: Self, ...args: unknown[]) {
              return method.apply(real(this), args);
            },
            writable: true,
            configurable: true,
          }
        : {
            get(this: Self) {
              return member.get!.call(real(this));
            },
            configurable: true,
          },
    );
  }
}
