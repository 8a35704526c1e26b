# warta in a container: a static binary on a minimal base, run as a
# non-root user, with the database (and any publish.dir) in a volume.
#
#   docker build -t warta .
#   docker run -d --name warta -p 8080:8080 -v warta-data:/var/lib/warta warta
#
# Your own config: -v "$PWD/config.yaml:/etc/warta/config.yaml:ro". Set its
# server.base_url to the address your readers use.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go throughout (SQLite included): a static binary needs no C library.
RUN CGO_ENABLED=0 go build -o /out/warta ./cmd/warta \
 && mkdir -p /out/state

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/warta /usr/local/bin/warta
COPY config.yaml /etc/warta/config.yaml
# The state directory, owned by the image's non-root user (65532): the
# config's storage.dsn data/warta.db resolves here.
COPY --from=build --chown=65532:65532 /out/state /var/lib/warta
WORKDIR /var/lib/warta
VOLUME /var/lib/warta
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/warta"]
CMD ["run", "-config", "/etc/warta/config.yaml", "-listen", "0.0.0.0:8080"]
