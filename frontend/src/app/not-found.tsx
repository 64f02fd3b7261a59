import Link from "next/link";

export default function NotFound() {
  return (
    <main className="login">
      <div className="login-card">
        <h1>NovaCRM</h1>
        <p>This page does not exist. · Cette page n’existe pas.</p>
        <Link href="/" className="button">
          Home · Accueil
        </Link>
      </div>
    </main>
  );
}
