/**
 * Each screen is its own chunk, loaded when it is opened: a participant's laptop or the
 * projector does not download the facilitator console or the review tools.
 */
import { lazy } from 'react';

export const LibraryPage = lazy(() => import('./library/LibraryPage').then((m) => ({ default: m.LibraryPage })));
export const ConsoleView = lazy(() => import('./views/ConsoleView').then((m) => ({ default: m.ConsoleView })));
export const DebriefView = lazy(() => import('./views/DebriefView').then((m) => ({ default: m.DebriefView })));
export const ProjectorWindow = lazy(() => import('./views/ProjectorView').then((m) => ({ default: m.ProjectorWindow })));
export const RoleView = lazy(() => import('./views/RoleView').then((m) => ({ default: m.RoleView })));
export const SetupView = lazy(() => import('./views/SetupView').then((m) => ({ default: m.SetupView })));
export const RemoteConsole = lazy(() => import('./remote/ConsoleRoute').then((m) => ({ default: m.RemoteConsole })));
export const RemoteDebrief = lazy(() => import('./remote/ConsoleRoute').then((m) => ({ default: m.RemoteDebrief })));
export const RemoteEvaluator = lazy(() => import('./remote/EvaluatorRoute').then((m) => ({ default: m.RemoteEvaluator })));
export const RemoteProjector = lazy(() => import('./remote/ProjectorRoute').then((m) => ({ default: m.RemoteProjector })));
export const JoinView = lazy(() => import('./remote/JoinRoute').then((m) => ({ default: m.JoinView })));
export const SeatScreen = lazy(() => import('./remote/SeatRoute').then((m) => ({ default: m.SeatScreen })));
export const ReviewView = lazy(() => import('./review/ReviewView').then((m) => ({ default: m.ReviewView })));
export const HistoryView = lazy(() => import('./review/HistoryView').then((m) => ({ default: m.HistoryView })));
export const BrowserReview = lazy(() => import('./review/HistoryView').then((m) => ({ default: m.BrowserReview })));
export const Studio = lazy(() => import('./studio/StudioView').then((m) => ({ default: m.Studio })));
export const StudioPlay = lazy(() => import('./studio/StudioPlay').then((m) => ({ default: m.StudioPlay })));
export const NewExercise = lazy(() => import('./exercise/NewExercise').then((m) => ({ default: m.NewExercise })));
export const ExercisePage = lazy(() => import('./exercise/ExercisePage').then((m) => ({ default: m.ExercisePage })));
export const ServerReview = lazy(() => import('./review/HistoryView').then((m) => ({ default: m.ServerReview })));

/** The module each route loads, for the bundle benchmark. */
export const ROUTE_MODULES = {
  projector: 'src/app/remote/ProjectorRoute.tsx',
  participant: 'src/app/remote/SeatRoute.tsx',
  facilitator: 'src/app/remote/ConsoleRoute.tsx',
  review: 'src/app/review/ReviewView.tsx',
} as const;
