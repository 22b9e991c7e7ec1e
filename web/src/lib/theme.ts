import { createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's default blue fails WCAG contrast for white text (3.55:1 on #228be6). This palette's
 * shade 7 (#1c5b9e) gives 6.9:1 with white and is the primary shade for light mode.
 */
const campusBlue: MantineColorsTuple = ['#e8f1fb', '#cfe0f3', '#a2c1e6', '#72a0d9', '#4b84cd', '#3473c4', '#2667b0', '#1c5b9e', '#12508f', '#003f7d'];

export const theme = createTheme({
  primaryColor: 'campus',
  primaryShade: { light: 7, dark: 5 },
  colors: { campus: campusBlue },
  fontFamily: "'Noto Sans KR', 'NanumGothic', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif",
  focusRing: 'always',
  defaultRadius: 'sm',
  // People who ask their system for less motion get no fades or slides (WCAG 2.3.3).
  respectReducedMotion: true,
});
