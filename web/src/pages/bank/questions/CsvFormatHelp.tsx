import { Accordion, Box, Code, ScrollArea, Stack, Text } from '@mantine/core';

const COLUMNS: [string, string][] = [
  ['type', 'single_choice, multiple_choice, true_false, short_answer, numeric or essay'],
  ['stem', 'The question text'],
  ['options', 'Choice questions: the options separated by | (they become A, B, C, …). Empty for other types'],
  ['answer', 'Single choice: the letter (B). Multiple choice: letters separated by | (A|C). True/false: true or false. Short answer: accepted answers separated by |. Numeric: the value (9.81). Essay: empty'],
  ['points', 'A number above 0 (empty means 1)'],
  ['partial_credit', 'Multiple choice only: true or false (empty means false)'],
  ['explanation', 'Shown with the results (may be empty)'],
  ['tags', 'Separated by |'],
  ['match', 'Optional, short answer only: case_insensitive (the default) or exact'],
  ['tolerance', 'Optional, numeric only: the allowed difference (empty means 0)'],
];

const SAMPLE = `type,stem,options,answer,points,partial_credit,explanation,tags,match,tolerance
single_choice,SI unit of force?,Newton|Joule|Watt,A,1,,,mechanics,,
multiple_choice,Which are vectors?,Velocity|Mass|Force,A|C,2,true,,mechanics,,
short_answer,Capital of France?,,Paris,1,,,geography,case_insensitive,
numeric,g on Earth in m/s²?,,9.81,1,,,mechanics,,0.05
essay,Explain resonance.,,,5,,,waves,,`;

/** What a question CSV looks like: the columns and a sample. */
export function CsvFormatHelp() {
  return (
    <Accordion variant="contained" chevronPosition="right">
      <Accordion.Item value="csv">
        <Accordion.Control>CSV format</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">
            UTF-8 with a header row; columns in any order. A | inside an option, answer or tag is written \|. An
            exported file is a valid template.
          </Text>
          <Stack gap={6} component="dl" m={0}>
            {COLUMNS.map(([name, meaning]) => (
              <Box key={name}>
                <Text component="dt" size="sm" fw={500}>
                  <Code>{name}</Code>
                </Text>
                <Text component="dd" size="sm" c="dimmed" ml="md">
                  {meaning}
                </Text>
              </Box>
            ))}
          </Stack>
          <Text size="sm" fw={500} mt="sm" mb={4}>
            Example
          </Text>
          <ScrollArea type="auto" offsetScrollbars>
            <Code block fz="xs" style={{ whiteSpace: 'pre' }}>
              {SAMPLE}
            </Code>
          </ScrollArea>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
