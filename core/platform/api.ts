/**
 * The API contract is declared once (action name → zod input schema + output type)
 * and imported by both the client's call layer and the functions' routers, so a
 * renamed field breaks the build on both sides instead of at runtime.
 */
import { z } from 'zod';
import { text } from './text';

export interface ActionSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}

/** `action(schema).returns<Output>()`: the input type is inferred from the schema. */
export function action<I extends z.ZodType>(input: I) {
  return {
    returns<O>(): ActionSpec<I, O> {
      return { input };
    },
  };
}

export interface ApiSpec<Name extends string = string, A extends Record<string, ActionSpec> = Record<string, ActionSpec>> {
  name: Name;
  actions: A;
}

export function defineApi<Name extends string, A extends Record<string, ActionSpec>>(name: Name, actions: A): ApiSpec<Name, A> {
  return { name, actions };
}

export type InputOf<S extends ActionSpec> = S extends ActionSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S extends ActionSpec> = S extends ActionSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S extends ActionSpec> = S extends ActionSpec<z.ZodType, infer O> ? O : never;

/** The envelope the client sends: `{ action, payload }`. Identity is never part of it. */
export interface CallEnvelope {
  action: string;
  payload?: unknown;
}

// Shared field schemas: limits are stated once so client forms and functions agree.
export const id = z.string().min(1).max(120);
/** A required single-line text (normalised, visible, no control or bidi characters). */
export const shortText = (max: number) => text({ max });
/** A client-generated id for a create action, so a retry after a timeout never creates twice. */
export const clientRequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号有误');
export const page = z.object({
  /** Opaque cursor from the previous page; absent for the first page. */
  cursor: z.string().max(200).optional(),
  size: z.number().int().min(1).max(50).default(20),
});
export type PageInput = z.input<typeof page>;
export interface Page<T> {
  items: T[];
  /** Present when there is another page. */
  nextCursor?: string;
  total?: number;
}
