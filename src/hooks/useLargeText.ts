import { useEffect, useState } from 'react';
import { isLargeText, subscribeLargeText } from '@/store/largeText';

export function useLargeText(): boolean {
  const [on, setOn] = useState(isLargeText());
  useEffect(() => {
    setOn(isLargeText());
    return subscribeLargeText(setOn);
  }, []);
  return on;
}
