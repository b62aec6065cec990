/**
 * The HTTP API over Tollgate's use cases: JSON under {@code /v1} (the user routes, the service
 * routes for service accounts, and the {@code /v1/admin} API for staff), each request in the
 * tenant it chooses ({@link dev.tollgate.adapter.http.TenantResolution}), errors as
 * {@code application/problem+json}, an OpenAPI 3.1 document with Swagger UI, health and
 * readiness probes and Prometheus metrics. Build an {@link dev.tollgate.adapter.http.HttpApi}
 * from the {@link dev.tollgate.adapter.http.UseCases} and {@link dev.tollgate.adapter.http.HttpSettings}.
 */
package dev.tollgate.adapter.http;
