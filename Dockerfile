# syntax=docker/dockerfile:1
#
# Newsdesk in a container: a static Go binary on a distroless base that
# has CA certificates and nothing else (no shell, no package manager),
# running as the non-root user nonroot (uid 65532).
#
#   docker build -t newsdesk .
#   docker run -d --env-file .env -v newsdesk-data:/data newsdesk
#
# compose.yaml does the same with the folders and port wired up. No Docker
# engine runs in this project's CI, so .ci/build-static runs the go build
# line below as written and checks that its binary is static.

FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# BuildKit sets TARGETOS and TARGETARCH (docker buildx build --platform
# linux/arm64 for a Raspberry Pi); empty, go builds for the build machine.
ARG TARGETOS TARGETARCH
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/newsdesk ./cmd/newsdesk
# The volumes' mount points, owned by nonroot so that a new named volume
# (which starts as a copy of them) is writable.
RUN mkdir -p /out/data /out/articles

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newsdesk /newsdesk
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build --chown=65532:65532 /out/articles /articles
# The time zone database is in the binary (time/tzdata), so TZ and
# /schedule's zones work without the image's /usr/share/zoneinfo.
# HTTP_ADDR serves /healthz and /metrics on every address of the
# container; nothing outside reaches port 9090 unless it is published.
# Set ARTICLES_DIR=/articles to answer from the articles volume instead
# of the built-in articles.
ENV DATA_DIR=/data HTTP_ADDR=:9090
VOLUME ["/data", "/articles"]
EXPOSE 9090
USER nonroot:nonroot
# serve stops cleanly on SIGTERM: give it the time (docker stop -t 150,
# stop_grace_period in compose.yaml) to finish a scheduled post.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["/newsdesk", "healthcheck"]
ENTRYPOINT ["/newsdesk"]
CMD ["serve"]
