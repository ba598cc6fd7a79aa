import { PageHeader } from '../../components/Page';
import { BackLink } from './common/BackLink';
import { SettingsForm } from './editor/settings/SettingsForm';

export function NewExamPage() {
  return (
    <>
      <BackLink to="/exams" label="All exams" />
      <PageHeader title="New exam" description="Set it up here; you add the questions once it is created." />
      <SettingsForm />
    </>
  );
}
