"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useAuth } from "@/lib/auth";
import { LOCALES, useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import { can, type Capability } from "@/lib/roles";
import { Loading } from "./states";

/** A link without a capability is for every signed-in user (their own profile). */
type NavItem = { href: string; label: MessageKey; capability?: Capability };
type NavGroup = { label: MessageKey; items: NavItem[] };

export const NAV: NavGroup[] = [
  {
    label: "nav.crm",
    items: [
      { href: "/companies", label: "nav.companies", capability: "crm:read" },
      { href: "/contacts", label: "nav.contacts", capability: "crm:read" },
      { href: "/deals", label: "nav.deals", capability: "crm:read" },
      { href: "/deals/board", label: "nav.pipeline", capability: "crm:read" },
      { href: "/import", label: "nav.import", capability: "crm:import_export" },
    ],
  },
  {
    label: "nav.compliance",
    items: [
      { href: "/compliance", label: "nav.dashboard", capability: "compliance:review" },
      { href: "/compliance/alerts", label: "nav.alerts", capability: "compliance:review" },
      { href: "/compliance/policies", label: "nav.policies", capability: "compliance:policies" },
      { href: "/compliance/audit", label: "nav.complianceAudit", capability: "compliance:review" },
    ],
  },
  {
    label: "nav.admin",
    items: [
      { href: "/admin/users", label: "nav.users", capability: "users:manage" },
      { href: "/admin/api-keys", label: "nav.apiKeys", capability: "api_keys:manage" },
      { href: "/admin/operations", label: "nav.operations", capability: "operations:read" },
      { href: "/admin/retention", label: "nav.retention", capability: "compliance:policies" },
      { href: "/admin/audit", label: "nav.auditLog", capability: "audit:read" },
    ],
  },
  {
    label: "nav.profile",
    items: [{ href: "/profile/link-teams", label: "nav.linkTeams" }],
  },
];

function isActive(pathname: string, href: string): boolean {
  if (href === "/compliance" || href === "/deals") return pathname === href || (href === "/deals" && /^\/deals\/(?!board)/.test(pathname));
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function Shell({ children }: { children: ReactNode }) {
  const { status, user, signOut } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const pathname = usePathname();
  const router = useRouter();

  useEffect(() => {
    if (status === "anonymous") router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [status, pathname, router]);

  if (status !== "signed-in" || !user) {
    return (
      <main className="centered">
        <Loading />
      </main>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          NovaCRM
        </Link>
        <div className="topbar-right">
          <label className="lang">
            <span className="visually-hidden">{t("nav.language")}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as (typeof LOCALES)[number])}>
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {code === "en" ? "English" : "Français"}
                </option>
              ))}
            </select>
          </label>
          <span className="who">
            {user.full_name || user.email} · <span className="role">{t(`role.${user.role}` as MessageKey)}</span>
          </span>
          <button
            type="button"
            className="button"
            onClick={async () => {
              await signOut();
              router.replace("/login");
            }}
          >
            {t("nav.signOut")}
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label={t("nav.main")}>
          {NAV.map((group) => {
            const items = group.items.filter((item) => !item.capability || can(user.role, item.capability));
            if (items.length === 0) return null;
            return (
              <div key={group.label} className="nav-group">
                <h2>{t(group.label)}</h2>
                <ul>
                  {items.map((item) => (
                    <li key={item.href}>
                      {/* No viewport prefetch: on a first load it competes with the page's own data. */}
                      <Link href={item.href} prefetch={false} aria-current={isActive(pathname, item.href) ? "page" : undefined}>
                        {t(item.label)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

/** Show the page only to roles that may use it (the server checks again). */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useI18n();
  if (!can(user?.role, capability)) {
    return (
      <div className="state state-error" role="alert">
        {t("state.forbidden")}
      </div>
    );
  }
  return <>{children}</>;
}
