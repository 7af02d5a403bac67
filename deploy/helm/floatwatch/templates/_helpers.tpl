{{/* The chart's name, or nameOverride. */}}
{{- define "floatwatch.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Every object's name starts with this, derived from the release, so two releases in one namespace
never collide: fullnameOverride, else the release name when it already contains the chart's name,
else "<release>-<name>". 52 characters leave room for "-collector" and a StatefulSet pod's suffix.
*/}}
{{- define "floatwatch.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "floatwatch.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "floatwatch.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* What selects a release's pods (never changes after install: selectors are immutable). */}}
{{- define "floatwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "floatwatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "floatwatch.labels" -}}
helm.sh/chart: {{ include "floatwatch.chart" . }}
{{ include "floatwatch.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: floatwatch
{{- end -}}

{{/* The service account that carries the IRSA role: the collector's, the only role that calls AWS. */}}
{{- define "floatwatch.collectorServiceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-collector" (include "floatwatch.fullname" .)) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false (the collector's IRSA service account)" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The analyzer's state directory: the config's analyzer.stateDir, or floatwatch's own default. */}}
{{- define "floatwatch.stateDir" -}}
{{- $analyzer := .Values.config.analyzer | default dict -}}
{{- $analyzer.stateDir | default "/tmp/floatwatch-state" -}}
{{- end -}}

{{- define "floatwatch.httpPort" -}}
{{- $http := .Values.config.http | default dict -}}
{{- $http.port | default 9464 -}}
{{- end -}}
