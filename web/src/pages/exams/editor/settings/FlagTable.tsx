import { Badge, Button, Group, NumberInput, Switch, Table, Text } from '@mantine/core';
import type { EffectiveFlag } from '../../types';
import type { SettingsForm } from './form';

const SEVERITY_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'gray' };

export function FlagTable({ form, flags }: { form: SettingsForm; flags: EffectiveFlag[] }) {
  const resetAll = () =>
    form.setFieldValue('flags', Object.fromEntries(flags.map((f) => [f.type, { enabled: true, weight: f.default_weight }])));
  const error = form.errors.flags;
  return (
    <>
      <Table.ScrollContainer minWidth={0}>
        <Table aria-label="Flag types" horizontalSpacing="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={{ base: 56, sm: 70 }}>On</Table.Th>
              <Table.Th>Flag</Table.Th>
              <Table.Th visibleFrom="sm">Severity</Table.Th>
              <Table.Th w={{ base: 96, sm: 120 }}>Weight</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flags.map((flag) => {
              const value = form.values.flags[flag.type];
              const enabled = value?.enabled ?? true;
              return (
                <Table.Tr key={flag.type}>
                  <Table.Td>
                    <Switch
                      aria-label={`Watch for ${flag.label}`}
                      {...form.getInputProps(`flags.${flag.type}.enabled`, { type: 'checkbox' })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={enabled ? undefined : 'dimmed'}>
                      {flag.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Default weight {flag.default_weight}
                      <Text span hiddenFrom="sm" inherit>
                        {' '}
                        · {flag.severity}
                      </Text>
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Badge variant="light" color={SEVERITY_COLORS[flag.severity] ?? 'gray'}>
                      {flag.severity}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Weight of ${flag.label}`}
                      size="xs"
                      min={0}
                      max={1000}
                      allowNegative={false}
                      disabled={!enabled}
                      {...form.getInputProps(`flags.${flag.type}.weight`)}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="xs">
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : (
          <span />
        )}
        <Button variant="subtle" size="xs" onClick={resetAll}>
          Reset to defaults
        </Button>
      </Group>
    </>
  );
}
