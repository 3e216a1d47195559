#!/usr/bin/env bash
# The production topology on loopback, from Debian's packages and the project's venv (no containers):
#
#   nginx :8100 ─┬─ gunicorn web1 :8101 ─┬─ PostgreSQL primary :5432 (cluster 15/main, database thidua_stack)
#                └─ gunicorn web2 :8102 ─┤  PostgreSQL replica :5433 (cluster 15/replica, streaming, slot stack_replica)
#                                        ├─ Redis :6379 (broker db 5, cache db 6)
#   Celery worker1, worker2, beat ───────┼─ S3 API server (moto) :8190, bucket "thidua"
#                                        └─ SMTP sink (aiosmtpd) :8125 → var/stack/mail/
#
# Usage: scripts/stack.sh start|stop|status|destroy|env      (make stack = start)
#   start    sets up what is missing (idempotent) and starts every process; prints the URLs
#   stop     stops the processes this script started (pid files under var/stack/), the replica cluster
#   destroy  stop, then drop the replica cluster, its replication slot and the stack's database
# Environment: STACK_SEED=province seeds the province data instead of the demo data.
#
# The main cluster is changed only additively: one pg_hba line lets 127.0.0.1 open replication
# connections (trust, as the cluster's other loopback lines), then a reload. Nothing is restarted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VAR=$ROOT/var/stack
BIN=$ROOT/.venv/bin
PG_VERSION=${PG_VERSION:-15}
DB=${STACK_DB:-thidua_stack}
SLOT=stack_replica
NGINX_PORT=8100
WEB_PORTS=(8101 8102)
REPLICA_PORT=5433
S3_PORT=8190
SMTP_PORT=8125
mkdir -p "$VAR/log" "$VAR/run"

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=${SECRET_KEY:-$(cat "$VAR/secret_key" 2>/dev/null || (head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | tee "$VAR/secret_key"))}
export ALLOWED_HOSTS=127.0.0.1,localhost
# Plain HTTP on loopback: no HTTPS redirect, HSTS or Secure cookies (production keeps all three).
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB
export REDIS_URL=redis://127.0.0.1:6379/5
export CACHE_REDIS_URL=redis://127.0.0.1:6379/6
export S3_BUCKET=thidua S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT S3_ACCESS_KEY_ID=stack S3_SECRET_ACCESS_KEY=stack-secret
export EMAIL_URL=smtp://127.0.0.1:$SMTP_PORT
export STATIC_ROOT=$VAR/static
export PORTAL_BASE_URL=http://127.0.0.1:$NGINX_PORT
export PORTAL_REQUEST_LOG=true
export REMINDER_TICK_SECONDS=${REMINDER_TICK_SECONDS:-30}  # reminders flow during a load test
export TWO_FACTOR_REQUIRED_ROLES=${TWO_FACTOR_REQUIRED_ROLES:-}  # the load test logs in with a password
export AXES_ENABLED=${AXES_ENABLED:-false}  # 200 simulated users share one address

say() { printf '== %s\n' "$*"; }
psql_main() { su postgres -c "psql -p 5432 -qAt -v ON_ERROR_STOP=1 -c \"$1\""; }
psql_db() { su postgres -c "psql -p 5432 -d $DB -qAt -v ON_ERROR_STOP=1 -c \"$1\""; }
alive() { [ -f "$VAR/run/$1.pid" ] && kill -0 "$(cat "$VAR/run/$1.pid")" 2>/dev/null; }
wait_port() { # port seconds
  for _ in $(seq "$(($2 * 5))"); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "nothing answers on 127.0.0.1:$1 (see $VAR/log/)" >&2; return 1
}
start_bg() { # name command…: a process of ours, its pid in var/stack/run/name.pid, its output in var/stack/log/name.log
  local name=$1; shift
  if alive "$name"; then echo "   $name already running (pid $(cat "$VAR/run/$name.pid"))"; return; fi
  setsid "$@" >>"$VAR/log/$name.log" 2>&1 < /dev/null &
  echo $! >"$VAR/run/$name.pid"
  echo "   $name started (pid $!)"
}
stop_one() {
  if alive "$1"; then kill -TERM "$(cat "$VAR/run/$1.pid")" && echo "   $1 stopped"; fi
  rm -f "$VAR/run/$1.pid"
}

need_packages() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v pg_createcluster >/dev/null || missing+=(postgresql-common postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  [ -x "$BIN/gunicorn" ] && [ -x "$BIN/moto_server" ] || { echo "Run 'make install' first (the venv with requirements-dev.txt)." >&2; exit 1; }
  redis-cli -p 6379 ping >/dev/null 2>&1 || { say "starting redis-server"; redis-server --daemonize yes --bind 127.0.0.1 --port 6379; }
}

primary_ready() {
  say "PostgreSQL primary (15/main): replication from 127.0.0.1, database $DB"
  local hba
  hba=$(su postgres -c "psql -p 5432 -qAt -c 'show hba_file'")
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    printf '# scripts/stack.sh: streaming replica on this machine\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
    psql_main "select pg_reload_conf()" >/dev/null
  fi
  [ "$(psql_main "select count(*) from pg_database where datname = '$DB'")" = 1 ] || psql_main "create database $DB"
  "$BIN/python" manage.py migrate --noinput -v 0
  if [ "$(psql_main "select count(*) from pg_replication_slots where slot_name = '$SLOT'")" = 0 ]; then
    psql_main "select pg_create_physical_replication_slot('$SLOT')" >/dev/null
  fi
}

replica_ready() {
  say "PostgreSQL replica (15/replica on $REPLICA_PORT): streaming from the primary"
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then
    pg_createcluster "$PG_VERSION" replica --port "$REPLICA_PORT" >/dev/null
    local data=/var/lib/postgresql/$PG_VERSION/replica
    rm -rf "${data:?}"/*
    su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $data -X stream -S $SLOT -R"
    cat >"/etc/postgresql/$PG_VERSION/replica/conf.d/stack.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 30s
EOF
  fi
  # The replica answers the web nodes as the primary does (the same pg_hba rules).
  cmp -s "$(su postgres -c "psql -p 5432 -qAt -c 'show hba_file'")" "/etc/postgresql/$PG_VERSION/replica/pg_hba.conf" \
    || { cp "$(su postgres -c "psql -p 5432 -qAt -c 'show hba_file'")" "/etc/postgresql/$PG_VERSION/replica/pg_hba.conf"
         pg_ctlcluster "$PG_VERSION" replica reload 2>/dev/null || true; }
  pg_ctlcluster "$PG_VERSION" replica start 2>/dev/null || true
  wait_port "$REPLICA_PORT" 30
}

seed() {
  # seed_demo is idempotent; the stamp only saves its minutes on the next start.
  if [ ! -f "$VAR/seeded-${STACK_SEED:-demo}" ]; then
    say "demo data (seed_demo ${STACK_SEED:+--scale $STACK_SEED}; log: $VAR/log/seed.log)"
    "$BIN/python" manage.py seed_demo ${STACK_SEED:+--scale "$STACK_SEED"} -v 0 >"$VAR/log/seed.log" 2>&1 \
      || { tail -20 "$VAR/log/seed.log" >&2; exit 1; }
    touch "$VAR/seeded-${STACK_SEED:-demo}"
  fi
}

start() {
  need_packages
  primary_ready
  replica_ready
  say "S3 API server (moto) on $S3_PORT, SMTP sink on $SMTP_PORT"
  start_bg s3 "$BIN/moto_server" -H 127.0.0.1 -p "$S3_PORT"
  start_bg smtp "$BIN/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$VAR/maildir"
  wait_port "$S3_PORT" 30
  "$BIN/python" - <<'PY'
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
                  aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"], region_name="us-east-1")
if os.environ["S3_BUCKET"] not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
    s3.create_bucket(Bucket=os.environ["S3_BUCKET"])
PY
  # Before the seed: the documents it renders name their stylesheet through the static manifest.
  say "static files (collectstatic, production settings)"
  "$BIN/python" manage.py collectstatic --noinput -v 0
  seed
  say "web nodes"
  local i=1
  for port in "${WEB_PORTS[@]}"; do
    PORTAL_NODE=web$i start_bg "web$i" "$BIN/gunicorn" config.wsgi -b "127.0.0.1:$port" \
      --workers "${STACK_WEB_WORKERS:-2}" --threads "${STACK_WEB_THREADS:-4}" --timeout 120 --graceful-timeout 10 --keep-alive 75 \
      --access-logfile "$VAR/log/access-web$i.log" \
      --access-logformat '{"node":"web'$i'","method":"%(m)s","path":"%(U)s","status":%(s)s,"ms":%(M)s,"bytes":"%(B)s"}'
    i=$((i + 1))
  done
  say "Celery: two workers and beat"
  PORTAL_NODE=worker1 start_bg worker1 "$BIN/celery" -A config worker -n worker1@%h --concurrency 2 -l info
  PORTAL_NODE=worker2 start_bg worker2 "$BIN/celery" -A config worker -n worker2@%h --concurrency 2 -l info
  PORTAL_NODE=beat start_bg beat "$BIN/celery" -A config beat -l info --schedule "$VAR/celerybeat-schedule"
  say "nginx on $NGINX_PORT"
  write_nginx_conf
  if ! alive nginx; then
    nginx -c "$VAR/nginx.conf" -p "$VAR/"
  else
    nginx -c "$VAR/nginx.conf" -p "$VAR/" -s reload
  fi
  for port in "${WEB_PORTS[@]}" "$NGINX_PORT"; do wait_port "$port" 60; done
  status
  cat <<EOF

Portal:        http://127.0.0.1:$NGINX_PORT/   (nodes: http://127.0.0.1:${WEB_PORTS[0]}/ and :${WEB_PORTS[1]}/)
Health:        http://127.0.0.1:$NGINX_PORT/suc-khoe/
Queues:        http://127.0.0.1:$NGINX_PORT/he-thong/hang-doi/   (system administrators)
Logs:          $VAR/log/   (web*.log: one JSON line per request)   Mail: $VAR/maildir/new/
Logins:        DATABASE_URL=$DATABASE_URL .venv/bin/python manage.py demo_logins
Load test:     .venv/bin/python bench/load.py [--users 200] [--minutes 5] [--faults]
Stop:          make stack-stop   (scripts/stack.sh stop; 'destroy' also drops the replica and the database)
EOF
}

write_nginx_conf() {
  mkdir -p "$VAR/nginx"
  cat >"$VAR/nginx.conf" <<EOF
# Generated by scripts/stack.sh. A node that refuses the connection or fails (502/503/504) hands the
# request to the other one (a POST too, when it was never sent). max_fails=0: a node is never marked
# down, because with two nodes, one dead and one slow, marking left "no live upstreams" (502 for
# everyone); a dead node costs a refused connect on loopback, well under a millisecond.
user root;  # loopback only: reads the static files wherever the checkout is
worker_processes 1;
pid $VAR/run/nginx.pid;
error_log $VAR/log/nginx-error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  access_log $VAR/log/nginx-access.log;
  client_body_temp_path $VAR/nginx/body;
  proxy_temp_path $VAR/nginx/proxy;
  fastcgi_temp_path $VAR/nginx/fastcgi;
  uwsgi_temp_path $VAR/nginx/uwsgi;
  scgi_temp_path $VAR/nginx/scgi;
  client_max_body_size 25m;
  upstream portal {
    server 127.0.0.1:${WEB_PORTS[0]} max_fails=0;
    server 127.0.0.1:${WEB_PORTS[1]} max_fails=0;
    keepalive 32;
    # Shorter than gunicorn's --keep-alive 75: nginx closes an idle connection first, and never sends a
    # request down one that the node has just closed (a reset that, with the other node dead, was a 502).
    keepalive_timeout 30s;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /static/ { alias $VAR/static/; expires 30d; access_log off; }
    # A login POST caught on a node that dies is sent to the other one: logging in twice only opens a
    # second session. No other POST is retried (it may have been written before the node died).
    location = /dang-nhap/ {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
      proxy_next_upstream_tries 3;
    }
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;
    }
  }
}
EOF
}

status() {
  say "status"
  for name in nginx web1 web2 worker1 worker2 beat s3 smtp; do
    if alive "$name"; then printf '   %-8s up (pid %s)\n' "$name" "$(cat "$VAR/run/$name.pid")"; else printf '   %-8s down\n' "$name"; fi
  done
  for port in "${WEB_PORTS[@]}" "$NGINX_PORT"; do
    printf '   health :%s  %s\n' "$port" "$(curl -s -m 5 "http://127.0.0.1:$port/suc-khoe/" | head -c 400 || echo unreachable)"
  done
  printf '   replication: %s\n' "$(psql_main "select application_name || ' ' || state || ' replay_lag=' || coalesce(replay_lag::text, '0') from pg_stat_replication" | tr '\n' ' ')"
}

stop() {
  say "stopping"
  if alive nginx; then nginx -c "$VAR/nginx.conf" -p "$VAR/" -s quit && echo "   nginx stopped"; fi
  for name in web1 web2 worker1 worker2 beat s3 smtp; do stop_one "$name"; done
  if pg_lsclusters -h 2>/dev/null | awk '{print $2}' | grep -qx replica; then
    pg_ctlcluster "$PG_VERSION" replica stop 2>/dev/null && echo "   replica stopped" || true
  fi
}

destroy() {
  stop
  if pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then pg_dropcluster "$PG_VERSION" replica && echo "   replica cluster dropped"; fi
  psql_main "select pg_drop_replication_slot('$SLOT') from pg_replication_slots where slot_name = '$SLOT'" >/dev/null
  psql_main "drop database if exists $DB" && echo "   database $DB dropped"
  redis-cli -n 5 flushdb >/dev/null && redis-cli -n 6 flushdb >/dev/null
}

print_env() { # the stack's settings, for bench/load.py and manage.py commands against the stack
  for v in DJANGO_SETTINGS_MODULE SECRET_KEY ALLOWED_HOSTS SECURE_SSL_REDIRECT SECURE_COOKIES SECURE_HSTS_SECONDS \
    DATABASE_URL DATABASE_REPLICA_URL REDIS_URL CACHE_REDIS_URL S3_BUCKET S3_ENDPOINT_URL S3_ACCESS_KEY_ID \
    S3_SECRET_ACCESS_KEY EMAIL_URL STATIC_ROOT PORTAL_BASE_URL; do
    printf '%s=%s\n' "$v" "${!v}"
  done
  printf 'STACK_VAR=%s\nSTACK_URL=http://127.0.0.1:%s\n' "$VAR" "$NGINX_PORT"
}

case "${1:-}" in
  start) start ;;
  env) print_env ;;
  stop) stop ;;
  status) status ;;
  destroy) destroy ;;
  *) echo "Usage: $0 start|stop|status|destroy|env" >&2; exit 2 ;;
esac
