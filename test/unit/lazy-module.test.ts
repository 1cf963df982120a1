import { lazyModule } from '../../src/model/lazy-module';

describe('lazyModule', () => {
  it('should not load the module until it is first asked for', () => {
    const load = jest.fn(() => ({ answer: 42 }));
    const module = lazyModule(load);
    expect(load).not.toHaveBeenCalled();
    expect(module().answer).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('should load once and hand back the same exports every time', () => {
    const load = jest.fn(() => ({ created: Symbol('exports') }));
    const module = lazyModule(load);
    const first = module();
    expect(module()).toBe(first);
    expect(module()).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('should try again after a failed load, as require does', () => {
    let attempts = 0;
    const module = lazyModule(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('not there yet');
      return { ok: true };
    });
    expect(() => module()).toThrow('not there yet');
    expect(module()).toEqual({ ok: true });
    expect(attempts).toBe(2);
  });
});
