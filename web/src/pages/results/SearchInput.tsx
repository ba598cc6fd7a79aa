import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  placeholder: string;
  value: string;
  /** Called a moment after typing stops. */
  onSearch: (value: string) => void;
}

/** A search box that asks the server only once the user pauses. */
export function SearchInput({ label, placeholder, value, onSearch }: Props) {
  const [text, setText] = useState(value);
  const debounced = useDebouncedCallback(onSearch, 300);
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      type="search"
      w={{ base: '100%', xs: 280 }}
    />
  );
}
