/**
 * The HTTP API over Tollgate's use cases: JSON under {@code /v1}, errors as
 * {@code application/problem+json}, an OpenAPI 3.1 document with Swagger UI, health and
 * readiness probes and Prometheus metrics. Build an {@link dev.tollgate.adapter.http.HttpApi}
 * from the {@link dev.tollgate.adapter.http.UseCases} and {@link dev.tollgate.adapter.http.HttpSettings}.
 */
package dev.tollgate.adapter.http;
