import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'lg', highlightOnHover: true } },
    Button: { defaultProps: { radius: 'md' } },
    // Badges are short labels: never squeeze one into "AC…" in a narrow table cell.
    Badge: { styles: { root: { flexShrink: 0, minWidth: 'max-content' } } },
    Modal: { styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } } },
    // Mantine's default toggle label ("Toggle password visibility") also matches a
    // label query for "Password"; keep the word out of it so each field's label is unique.
    // Mount the options list only while open: a hidden, always-mounted listbox carries the
    // same label as its input and would make label queries ambiguous.
    Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
    PasswordInput: {
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Show or hide characters' } },
    },
  },
});
