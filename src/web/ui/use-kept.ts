// The last non-empty value: a dialog that closes keeps its title (and its content) while it fades out, rather than
// showing, for its last frames, a dialog without a name.
import { useRef } from 'react';

export function useKept<T>(value: T | null | undefined | ''): T | undefined {
  const kept = useRef<T | undefined>(undefined);
  if (value !== null && value !== undefined && value !== '') kept.current = value;
  return kept.current;
}
