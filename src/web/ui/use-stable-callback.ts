// A callback that stays the same function across renders while always calling the latest one given: a memoized
// child that takes it is not rendered again because its parent was (react-router's setSearchParams and navigate
// are new functions after each change of address).
import { useCallback, useLayoutEffect, useRef } from 'react';

export function useStableCallback<Args extends unknown[], Result>(callback: (...args: Args) => Result): (...args: Args) => Result {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
