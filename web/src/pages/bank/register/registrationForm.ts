import { validateEmail } from '../../../lib/validation';

export interface RegistrationValues {
  roll_number: string;
  name: string;
  email: string;
}

export function validateRegistration(v: RegistrationValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.roll_number.trim()) errors.roll_number = 'Enter your roll number';
  if (!v.name.trim()) errors.name = 'Enter your full name';
  const email = v.email.trim() ? validateEmail(v.email) : 'Enter your email address';
  if (email) errors.email = email;
  return errors;
}
