"""Prometheus instruments shared by the HTTP layer, the workers and the connectors."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "nova_http_requests_total", "HTTP requests handled", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "nova_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
JOBS_PROCESSED = Counter("nova_jobs_processed_total", "Jobs run to the end", ["kind", "outcome"])
JOBS_DEAD = Counter("nova_jobs_dead_letter_total", "Jobs moved to the dead-letter state", ["kind"])
JOB_DURATION = Histogram("nova_job_duration_seconds", "Time spent running a job", ["kind"])
QUEUE_DEPTH = Gauge("nova_queue_depth", "Jobs by status at the last scrape", ["status"])
QUEUE_OLDEST_AGE = Gauge("nova_queue_oldest_age_seconds", "Age of the oldest due queued job")
AUDIT_CHAIN_OK = Gauge("nova_audit_chain_ok", "1 when the last audit chain verification passed")
LOGIN_FAILURES = Counter("nova_login_failures_total", "Failed sign-ins", ["reason"])
GRAPH_REQUESTS = Counter(
    "nova_graph_requests_total", "Requests sent to Microsoft Graph", ["method", "status"]
)
GRAPH_THROTTLED = Counter(
    "nova_graph_throttled_total", "Graph answers asking us to slow down (429/503/504)", ["status"]
)
GRAPH_NOTIFICATIONS = Counter(
    "nova_graph_notifications_total",
    "Graph change notifications by outcome at the webhook",
    ["outcome"],
)
GRAPH_DECRYPT_FAILURES = Counter(
    "nova_graph_decrypt_failures_total", "Rich notifications rejected by decryption", ["reason"]
)
GRAPH_SUBSCRIPTION_EXPIRY = Gauge(
    "nova_graph_subscription_expiry_seconds",
    "Seconds until each Graph subscription expires",
    ["resource"],
)
GRAPH_LIFECYCLE_EVENTS = Counter(
    "nova_graph_lifecycle_events_total", "Graph lifecycle notifications", ["event"]
)
INGESTION_SCANS = Counter(
    "nova_ingestion_scans_total", "Messages from Graph through the scanner", ["outcome"]
)
QUEUE_PUBLISHED = Counter(
    "nova_queue_published_total", "Job ids published to the Celery broker", ["via"]
)
