/**
 * What a feature registers (features/<f>/entries.ts): its routes, the cards it
 * adds to the home tab, its entries in the 服务 grid and the 首页 shortcuts, and the
 * permission each needs. The shell (home, services, routes, app.config) is built
 * from these; it knows no feature by name.
 */
import type { ComponentType } from 'react';
import type { Me } from '@core/accounts/contract';
import type { HomeCards } from '@core/home';
import type { Permission } from '@core/authz';
import type { FeatureRoutes } from './route-table';

export interface Viewer {
  me: Me;
}

/** Shown when the person holds any of `permission` somewhere (core/authz canAnywhere) and `when` agrees. */
export interface Gate {
  permission?: Permission | readonly Permission[];
  when?: (v: Viewer) => boolean;
}

/** A tile in the 服务 grid or a 首页 shortcut (stable class: `service-<key>` / `shortcut-<key>`). */
export interface EntryDef extends Gate {
  key: string;
  label: string;
  hint?: string;
  url: string;
  /** Lower first. */
  order: number;
  badge?: (me: Me) => number | undefined;
}

export interface HomeCardDef extends Gate {
  key: string;
  order: number;
  /** `cards`: every card's data from the 首页's one call (home.get); a card reads its own part. */
  Component: ComponentType<{ me: Me; cards: HomeCards }>;
}

export interface Feature<K extends string = string> {
  name: string;
  routes: FeatureRoutes<K>;
  homeCards: readonly HomeCardDef[];
  services: readonly EntryDef[];
  shortcuts: readonly EntryDef[];
}

export function defineFeature<const K extends string>(f: Feature<K>): Feature<K> {
  return f;
}
