// Search box that reports what was typed after a pause, and follows its value when it changes elsewhere (back/forward).
import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

interface SearchInputProps {
  label: string;
  placeholder?: string;
  value: string;
  onSearch: (value: string) => void;
  delay?: number;
}

export function SearchInput({ label, placeholder, value, onSearch, delay = 300 }: SearchInputProps) {
  const [input, setInput] = useState(value);
  const [debounced] = useDebouncedValue(input, delay);
  // The last value this box reported or received: tells the URL catching up with typing from a real outside change.
  const known = useRef(value);

  useEffect(() => {
    const next = debounced.trim();
    if (next === known.current) return;
    known.current = next;
    onSearch(next);
  }, [debounced, onSearch]);

  useEffect(() => {
    if (value === known.current) return;
    known.current = value;
    setInput(value);
  }, [value]);

  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      type="search"
      value={input}
      onChange={(event) => setInput(event.currentTarget.value)}
      w={{ base: '100%', sm: 320 }}
    />
  );
}
