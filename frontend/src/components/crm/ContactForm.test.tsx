import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import { ContactForm } from "./ContactForm";

vi.mock("next/link", () => ({ default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => <a href={href} {...rest}>{children}</a> }));

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" } });
}

/** A fake API: company lookups answer empty pages; contact creation answers `create`. */
function stubApi(create: (request: Request) => Response) {
  const calls: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(input);
      if (input.url.includes("/api/v1/companies")) return json(200, { items: [], next_cursor: null });
      return create(input);
    }),
  );
  return calls;
}

function renderForm(onSaved = vi.fn()) {
  render(
    <I18nProvider initial="en">
      <ContactForm onSaved={onSaved} />
    </I18nProvider>,
  );
  return onSaved;
}

describe("ContactForm", () => {
  it("warns about a duplicate and saves anyway with force", async () => {
    const calls = stubApi((request) =>
      new URL(request.url).searchParams.get("force") === "true"
        ? json(201, { id: "c2", first_name: "Iris", last_name: "V", version: 1, tags: [] })
        : json(409, { type: "urn:novacrm:problem:conflict", title: "Conflict", status: 409, detail: "exists", duplicate_id: "c1" }),
    );
    const onSaved = renderForm();
    await userEvent.type(screen.getByLabelText("First name"), "Iris");
    await userEvent.type(screen.getByLabelText("Email"), "iris@example.org");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    expect(await screen.findByText("Possible duplicate.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the existing record" })).toHaveAttribute("href", "/contacts/c1");
    await userEvent.click(screen.getByRole("button", { name: "Save anyway" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: "c2" })));
    const posted = calls.filter((c) => c.method === "POST");
    expect(await posted[0]!.clone().json()).toMatchObject({ first_name: "Iris", email: "iris@example.org" });
  });

  it("shows the server's field error next to the field", async () => {
    stubApi(() =>
      json(422, {
        type: "urn:novacrm:problem:invalid-input",
        title: "Invalid input",
        status: 422,
        detail: "email: not an email address",
        errors: [{ loc: ["body", "email"], msg: "not an email address", type: "value_error" }],
      }),
    );
    renderForm();
    await userEvent.type(screen.getByLabelText("First name"), "Iris");
    await userEvent.type(screen.getByLabelText("Email"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));

    const email = screen.getByLabelText("Email");
    await vi.waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("not an email address");
  });
});
