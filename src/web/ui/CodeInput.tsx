// Six-digit code field: keeps only digits (so a pasted "123 456" works) and reports completion at the sixth digit.
import { TextInput, type TextInputProps } from '@mantine/core';
import type { ChangeEvent } from 'react';

export const CODE_LENGTH = 6;

interface CodeInputProps extends Omit<TextInputProps, 'onChange' | 'value'> {
  value: string;
  onChange: (code: string) => void;
  onComplete: (code: string) => void;
}

export function CodeInput({ value, onChange, onComplete, ...props }: CodeInputProps) {
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const code = event.currentTarget.value.replace(/\D/g, '').slice(0, CODE_LENGTH);
    onChange(code);
    // A new complete code (typed, pasted, or pasted over a wrong one) submits; re-renders of the same one do not.
    if (code.length === CODE_LENGTH && code !== value) onComplete(code);
  };
  return (
    <TextInput
      {...props}
      value={value}
      onChange={handleChange}
      inputMode="numeric"
      autoComplete="one-time-code"
      size="lg"
      styles={{ input: { letterSpacing: '0.4em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
