# HAProxy from Debian's own package, with deploy/haproxy.cfg (docs/hosting.md).
#   docker build -f deploy/haproxy.Dockerfile -t workshop-haproxy .
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY deploy/haproxy.cfg /etc/haproxy/haproxy.cfg
EXPOSE 8080
# -db: in the foreground, logging to the container's output.
CMD ["haproxy", "-f", "/etc/haproxy/haproxy.cfg", "-db"]
