/**
 * What opening a lesson needs, loaded only when the course is opened: the lesson's editor setup (title,
 * starter, the role its scenario expects) and its cluster without the learner's framework, which joins
 * from the editor.
 */
import type { LessonInfo } from '../../editor/EditorState.svelte';
import { LESSONS } from '../../lessons/catalog';
import { LEARNER_FILE } from '../../lessons/grade';
import { loadLessonContent } from '../../lessons/vite';

export async function lessonSetup(
  id: string,
  lang: 'en' | 'zh',
): Promise<{ info: LessonInfo; scenario: unknown } | null> {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) return null;
  const input = structuredClone(lesson.scenario) as {
    frameworks?: { id?: string; roles?: string[]; scheduler?: { file?: string } }[];
  };
  const learner = input.frameworks?.find((f) => f.scheduler?.file === LEARNER_FILE);
  input.frameworks = (input.frameworks ?? []).filter((f) => f !== learner);
  const content = await loadLessonContent(lesson.id);
  return {
    info: {
      id: lesson.id,
      title: (lang === 'zh' ? content.zh : content.en).title,
      titles: { en: content.en.title, zh: content.zh.title },
      starter: content.starter,
      role: learner?.roles?.[0] ?? '*',
      ...(learner?.id ? { framework: learner.id } : {}),
    },
    scenario: input,
  };
}
