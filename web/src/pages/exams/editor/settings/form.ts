import type { UseFormReturnType } from '@mantine/form';
import type { SettingsValues } from './settingsValues';

export type SettingsForm = UseFormReturnType<SettingsValues>;
