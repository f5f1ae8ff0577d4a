import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { isAvatarPath, validatePersonProfile } from './person-profile.js';

const problems = (input: Parameters<typeof validatePersonProfile>[0]) => {
  try {
    validatePersonProfile(input);
    return {};
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.details.fields;
  }
};

describe('person profile', () => {
  it('takes an avatar only as a path under /uploads/', () => {
    assert.ok(isAvatarPath('/uploads/2026/marie-munk.webp'));
    for (const path of [
      'uploads/x.jpg',
      '/uploads/',
      '/uploads/../secret',
      '/uploads/.hidden',
      'https://evil.example/x.jpg',
      '/uploads/a b.jpg',
      '/uploads/x.jpg"onerror="',
    ]) {
      assert.equal(isAvatarPath(path), false, path);
    }
  });

  it('reports the avatar together with the other fields', () => {
    assert.deepEqual(problems({ name: '', avatarPath: '/static/x.png', phone: 'ring mig' }), {
      name: 'required',
      avatarPath: 'not_an_upload',
      phone: 'not_a_phone',
    });
  });

  it('accepts a person without picture or phone', () => {
    assert.deepEqual(problems({ name: 'Ida', avatarPath: null, phone: '' }), {});
    assert.deepEqual(problems({ name: 'Ida', phone: '+45 (12) 34-56.78' }), {});
  });
});
