{{/* Names: <release>-dynasplit, or <release> when the release name already says dynasplit. */}}
{{- define "dynasplit.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "dynasplit.componentName" -}}
{{- printf "%s-%s" (include "dynasplit.fullname" .root) .component -}}
{{- end -}}

{{- define "dynasplit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "dynasplit.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "dynasplit.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dynasplit
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "scheduler"). */}}
{{- define "dynasplit.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dynasplit.componentLabels" -}}
{{ include "dynasplit.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* <registry>/dynasplit/<image>:<tag>; call with (dict "root" $ "image" "scheduler"). */}}
{{- define "dynasplit.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := printf "dynasplit/%s" .image -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" (trimSuffix "/" $img.registry) $repo }}{{ end -}}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{- define "dynasplit.kafkaConfigName" -}}
{{- printf "%s-kafka" (include "dynasplit.fullname" .) -}}
{{- end -}}

{{- define "dynasplit.kafkaSecretName" -}}
{{- printf "%s-kafka" (include "dynasplit.fullname" .) -}}
{{- end -}}

{{- define "dynasplit.usesSasl" -}}
{{- if has .Values.kafka.securityProtocol (list "SASL_PLAINTEXT" "SASL_SSL") }}true{{ end -}}
{{- end -}}

{{- define "dynasplit.usesTls" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end -}}
{{- end -}}

{{/* Whether the chart writes its own Secret: SASL credentials given inline, or an inline truststore password. */}}
{{- define "dynasplit.ownsKafkaSecret" -}}
{{- if and (include "dynasplit.usesSasl" .) (not .Values.kafka.sasl.existingSecret) (not .Values.strimziUsers.enabled) }}true{{ end -}}
{{- if and (include "dynasplit.usesTls" .) (not .Values.kafka.tls.truststorePasswordKey) .Values.kafka.tls.truststorePassword }}true{{ end -}}
{{- end -}}

{{- define "dynasplit.truststoreDir" -}}/etc/dynasplit/kafka-truststore{{- end -}}

{{/* Kafka settings as environment: the ConfigMap for plain settings, Secret references for credentials. Call with
     (dict "root" $ "user" "<the component's KafkaUser>"): with strimziUsers the component logs in as that user, from
     the Secret Strimzi's User Operator writes for it (named after the user, key sasl.jaas.config). */}}
{{- define "dynasplit.kafkaEnv" -}}
{{- $root := .root -}}
{{- $k := $root.Values.kafka -}}
{{- $config := include "dynasplit.kafkaConfigName" $root -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: KAFKA_BOOTSTRAP_SERVERS}}
- name: KAFKA_SECURITY_PROTOCOL
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: KAFKA_SECURITY_PROTOCOL}}
- name: DYNASPLIT_TOPICS_PROVISION
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: DYNASPLIT_TOPICS_PROVISION}}
{{- if include "dynasplit.usesSasl" $root }}
- name: KAFKA_SASL_MECHANISM
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: KAFKA_SASL_MECHANISM}}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      {{- if $root.Values.strimziUsers.enabled }}
      name: {{ required "a component without a KafkaUser" .user }}
      key: sasl.jaas.config
      {{- else }}
      name: {{ default (include "dynasplit.kafkaSecretName" $root) $k.sasl.existingSecret }}
      key: {{ if $k.sasl.existingSecret }}{{ $k.sasl.jaasConfigKey }}{{ else }}sasl.jaas.config{{ end }}
      {{- end }}
{{- end }}
{{- if include "dynasplit.usesTls" $root }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: KAFKA_SSL_TRUSTSTORE_LOCATION}}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  valueFrom: {configMapKeyRef: {name: {{ $config }}, key: KAFKA_SSL_TRUSTSTORE_TYPE}}
{{- if $k.tls.truststorePasswordKey }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $k.tls.truststoreSecret }}, key: {{ $k.tls.truststorePasswordKey }}}}
{{- else if $k.tls.truststorePassword }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "dynasplit.kafkaSecretName" $root }}, key: ssl.truststore.password}}
{{- end }}
{{- end }}
{{- end -}}

{{/* A device id as a DNS label: lower case, '_' as '-' (io.dynasplit.access.Principals.edgeDevice does the same). */}}
{{- define "dynasplit.dnsName" -}}
{{- . | replace "_" "-" | lower -}}
{{- end -}}

{{- define "dynasplit.kafkaVolumeMounts" -}}
{{- if include "dynasplit.usesTls" . }}
- name: kafka-truststore
  mountPath: {{ include "dynasplit.truststoreDir" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "dynasplit.modelsVolumeMounts" -}}
{{- if .Values.models.claimName }}
- name: models
  mountPath: {{ .Values.models.mountPath }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "dynasplit.modelsVolumes" -}}
{{- if .Values.models.claimName }}
- name: models
  persistentVolumeClaim:
    claimName: {{ .Values.models.claimName }}
    readOnly: true
{{- end }}
{{- end -}}

{{/* Where imported models are read (the models volume), only when one is mounted. */}}
{{- define "dynasplit.modelsEnv" -}}
{{- if .Values.models.claimName }}
- name: DYNASPLIT_MODELS_DIR
  value: {{ .Values.models.mountPath | quote }}
{{- end }}
{{- end -}}

{{- define "dynasplit.kafkaVolumes" -}}
{{- if include "dynasplit.usesTls" . }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.truststoreSecret }}
    items:
      - {key: {{ .Values.kafka.tls.truststoreKey }}, path: {{ .Values.kafka.tls.truststoreKey }}}
{{- end }}
{{- end -}}

{{/* Restart pods when the Kafka settings change. */}}
{{- define "dynasplit.configChecksums" -}}
checksum/kafka-config: {{ include (print .Template.BasePath "/kafka-configmap.yaml") . | sha256sum }}
checksum/kafka-secret: {{ include (print .Template.BasePath "/kafka-secret.yaml") . | sha256sum }}
{{- end -}}

{{- define "dynasplit.metricsAnnotations" -}}
{{- if .Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: "8080"
prometheus.io/path: /q/metrics
{{- end -}}
{{- end -}}

{{/* Pod annotations: config checksums, Prometheus scrape hints, the component's own. */}}
{{- define "dynasplit.podAnnotations" -}}
{{- include "dynasplit.configChecksums" .root }}
{{- with include "dynasplit.metricsAnnotations" .root }}
{{ . }}
{{- end }}
{{- with .extra }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Port 8080 and the SmallRye Health probes shared by the three services. */}}
{{- define "dynasplit.httpPortAndProbes" -}}
ports:
  - {name: http, containerPort: 8080, protocol: TCP}
startupProbe:
  httpGet: {path: /q/health/live, port: http}
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  {{- toYaml .Values.probes.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  {{- toYaml .Values.probes.readiness | nindent 2 }}
{{- end -}}

{{/* A Strimzi KafkaTopic's resource name for a topic: a lower-case DNS name (spec.topicName keeps the real one). */}}
{{- define "dynasplit.kafkaTopicResourceName" -}}
{{- . | replace "." "-" | replace "_" "-" | lower | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dynasplit.schedulerDevices" -}}
{{- $class := .Values.edge.deviceClass -}}
{{- $pairs := list -}}
{{- range .Values.edge.devices }}{{ $pairs = append $pairs (printf "%s=%s" .id (default $class .class)) }}{{ end -}}
{{- join "\n" $pairs -}}
{{- end -}}

{{/* volumeMounts / volumes blocks (omitted when empty); call with (dict "root" $ "extra" <list>). */}}
{{- define "dynasplit.volumeMounts" -}}
{{- $mounts := list (include "dynasplit.kafkaVolumeMounts" .root | trim) (include "dynasplit.modelsVolumeMounts" .root | trim) | compact | join "\n" -}}
{{- if or $mounts .extra -}}
volumeMounts:
  {{- with $mounts }}{{ . | nindent 2 }}{{ end }}
  {{- with .extra }}{{ toYaml . | nindent 2 }}{{ end }}
{{- end }}
{{- end -}}

{{- define "dynasplit.volumes" -}}
{{- $volumes := list (include "dynasplit.kafkaVolumes" .root | trim) (include "dynasplit.modelsVolumes" .root | trim) | compact | join "\n" -}}
{{- if or $volumes .extra -}}
volumes:
  {{- with $volumes }}{{ . | nindent 2 }}{{ end }}
  {{- with .extra }}{{ toYaml . | nindent 2 }}{{ end }}
{{- end }}
{{- end -}}
