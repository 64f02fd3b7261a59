import { render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { User } from "@/lib/auth";

const auth = vi.hoisted(() => ({ user: null as User | null }));

vi.mock("next/navigation", () => ({ usePathname: () => "/contacts", useRouter: () => ({ replace: vi.fn(), push: vi.fn() }) }));
vi.mock("next/link", () => ({ default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => <a href={href} {...rest}>{children}</a> }));
vi.mock("@/lib/auth", () => ({ useAuth: () => ({ status: "signed-in", user: auth.user, signOut: vi.fn() }) }));

const { Shell } = await import("./Shell");

function user(role: User["role"]): User {
  return { id: "u1", email: `${role}@example.com`, full_name: role, role, is_active: true, created_at: "2026-11-28T00:00:00Z" };
}

function navLinks(): string[] {
  return within(screen.getByRole("navigation", { name: "Main" }))
    .getAllByRole("link")
    .map((link) => link.textContent ?? "");
}

describe("Shell navigation", () => {
  it("shows a sales user the CRM only", () => {
    auth.user = user("sales");
    render(<Shell>page</Shell>);
    expect(navLinks()).toEqual(["Companies", "Contacts", "Deals", "Pipeline", "Import", "Link Teams"]);
    expect(screen.getByRole("link", { name: "Contacts" })).toHaveAttribute("aria-current", "page");
  });

  it("shows an officer the compliance console but not user administration", () => {
    auth.user = user("compliance_officer");
    render(<Shell>page</Shell>);
    expect(navLinks()).toContain("Alerts");
    expect(navLinks()).toContain("Policies");
    expect(navLinks()).not.toContain("Users & teams");
    expect(navLinks()).not.toContain("Import");
  });

  it("shows an admin everything", () => {
    auth.user = user("admin");
    render(<Shell>page</Shell>);
    expect(navLinks()).toEqual(expect.arrayContaining(["Users & teams", "API keys", "Connections & queue", "Retention", "Audit log"]));
  });

  it("lets every role link its Teams account from its profile", () => {
    for (const role of ["admin", "compliance_officer", "sales", "viewer"] as const) {
      auth.user = user(role);
      const { unmount } = render(<Shell>page</Shell>);
      expect(screen.getByRole("heading", { name: "Your profile" })).toBeInTheDocument();
      expect(screen.getByRole("link", { name: "Link Teams" })).toHaveAttribute("href", "/profile/link-teams");
      unmount();
    }
  });
});
