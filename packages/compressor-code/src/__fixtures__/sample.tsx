import { useState } from 'react';
import type { ReactNode } from 'react';

/** Props of the counter. */
export interface CounterProps {
  label: string;
  start?: number;
}

/**
 * A counter button.
 * Counts clicks and shows the label.
 */
export function Counter({ label, start = 0 }: CounterProps): ReactNode {
  const [count, setCount] = useState(start);
  const increment = () => setCount((value) => value + 1);
  const reset = () => setCount(start);
  return (
    <div className="counter">
      <span>{label}</span>
      <button type="button" onClick={increment}>
        {count}
      </button>
      <button type="button" onClick={reset}>
        reset
      </button>
    </div>
  );
}

export const Title = ({ text }: { text: string }): ReactNode => <h1>{text}</h1>;
