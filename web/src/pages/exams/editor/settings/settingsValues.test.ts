import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../api/client';
import { fieldError } from './settingsValues';

describe('API errors on settings fields', () => {
  it('finds the field a validation error names', () => {
    expect(fieldError(new ApiError(422, 'validation_error', 'rules_allowed.2: String should have at most 200 characters'))).toEqual({
      field: 'rules_allowed',
      message: 'String should have at most 200 characters',
    });
    expect(fieldError(new ApiError(422, 'validation_error', 'flag_settings.tab_switch.weight: Input should be less than or equal to 1000'))).toEqual({
      field: 'flags',
      message: 'Input should be less than or equal to 1000',
    });
  });

  it('finds the field in a check across fields, reported on the body', () => {
    expect(fieldError(new ApiError(422, 'validation_error', 'body: Value error, window_end must be after window_start'))).toEqual({
      field: 'window_end',
      message: 'window_end must be after window_start',
    });
    expect(fieldError(new ApiError(400, 'invalid_window', 'The exam must close after it opens.'))?.field).toBe('window_end');
  });

  it('leaves other errors to the alert', () => {
    expect(fieldError(new ApiError(400, 'exam_empty', 'Add at least one question before publishing the exam.'))).toBeNull();
    expect(fieldError(new ApiError(422, 'validation_error', 'body: Field required'))).toBeNull();
  });
});
