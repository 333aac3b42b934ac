{{/* Chart name, at most 63 characters. */}}
{{- define "taskstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart's. */}}
{{- define "taskstream.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "taskstream.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "taskstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: taskstream
{{- end }}

{{- define "taskstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "taskstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "taskstream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "taskstream.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The pod of one service. Called with (dict "root" $ "component" "executor" "args" (list ...) "workspaceClaim" "name"
"reportsClaim" "name"); args are the service's own flags, after the shared ones.
*/}}
{{- define "taskstream.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $component := .component -}}
{{- $section := index $v $component -}}
metadata:
  labels:
    {{- include "taskstream.selectorLabels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ $component }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "taskstream.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: 60
  containers:
    - name: {{ $component }}
      image: "{{ $v.image.repository }}:{{ $v.image.tag }}"
      imagePullPolicy: {{ $v.image.pullPolicy }}
      args:
        - serve
        - {{ $component }}
        - --bootstrap-servers
        - $(TASKSTREAM_BOOTSTRAP_SERVERS)
        - --topic-prefix
        - $(TASKSTREAM_TOPIC_PREFIX)
        - --partitions
        - $(TASKSTREAM_PARTITIONS)
        - --task-repo
        - $(TASKSTREAM_TASK_REPO)
        - --branch
        - $(TASKSTREAM_BRANCH)
        - --workspace
        - /workspace
        - --state-dir
        - /var/lib/taskstream/state
        - --reports
        - /var/lib/taskstream/reports
        - --health-port
        - {{ $v.health.port | quote }}
        - --health-host
        - 0.0.0.0
        {{- range .args }}
        - {{ . | quote }}
        {{- end }}
        {{- range $v.extraArgs }}
        - {{ . | quote }}
        {{- end }}
        {{- range $section.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      envFrom:
        - configMapRef:
            name: {{ include "taskstream.fullname" $root }}
        {{- if $v.secrets.existingSecret }}
        - secretRef:
            name: {{ $v.secrets.existingSecret }}
            optional: true
        {{- end }}
      ports:
        - name: health
          containerPort: {{ $v.health.port }}
          protocol: TCP
        {{- if and (eq $component "scanner") $v.scanner.webhook.enabled }}
        - name: webhook
          containerPort: {{ $v.scanner.webhook.port }}
          protocol: TCP
        {{- end }}
      livenessProbe:
        httpGet:
          path: {{ $v.health.livenessPath }}
          port: health
        {{- toYaml $v.health.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: {{ $v.health.readinessPath }}
          port: health
        {{- toYaml $v.health.readiness | nindent 8 }}
      resources:
        {{- toYaml $section.resources | nindent 8 }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: home
          mountPath: /home/taskstream
        - name: state
          mountPath: /var/lib/taskstream/state
        - name: workspace
          mountPath: /workspace
        - name: reports
          mountPath: /var/lib/taskstream/reports
        {{- if $v.secrets.gitCredentialsSecret }}
        - name: git-credentials
          mountPath: /home/taskstream/.ssh
          readOnly: true
        {{- end }}
        {{- if $v.kube.kubeconfigSecret }}
        - name: kubeconfig
          mountPath: /etc/taskstream/kube
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir: {}
    - name: home
      emptyDir: {}
    - name: state
      emptyDir: {}
    - name: workspace
      {{- if .workspaceClaim }}
      persistentVolumeClaim:
        claimName: {{ .workspaceClaim }}
      {{- else }}
      emptyDir: {}
      {{- end }}
    - name: reports
      {{- if .reportsClaim }}
      persistentVolumeClaim:
        claimName: {{ .reportsClaim }}
      {{- else }}
      emptyDir: {}
      {{- end }}
    {{- if $v.secrets.gitCredentialsSecret }}
    - name: git-credentials
      secret:
        secretName: {{ $v.secrets.gitCredentialsSecret }}
        defaultMode: 0440
    {{- end }}
    {{- if $v.kube.kubeconfigSecret }}
    - name: kubeconfig
      secret:
        secretName: {{ $v.kube.kubeconfigSecret }}
        defaultMode: 0440
    {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* Flags of the services that run commands and checks (executor, verifier): retries, the cluster, GitOps. */}}
{{- define "taskstream.actionArgs" -}}
{{- $v := .Values -}}
{{- $args := list "--max-attempts" (toString $v.retry.maxAttempts) "--retry-backoff-ms" (toString $v.retry.backoffMs) -}}
{{- if $v.kube.context }}
{{- $args = concat $args (list "--kube-context" $v.kube.context) }}
{{- if $v.kube.kubeconfigSecret }}
{{- $args = concat $args (list "--kubeconfig" "/etc/taskstream/kube/config") }}
{{- end }}
{{- end }}
{{- if $v.gitops.repo }}
{{- $args = concat $args (list "--gitops-repo" $v.gitops.repo "--gitops-branch" $v.gitops.branch) }}
{{- if $v.gitops.overlay }}
{{- $args = concat $args (list "--gitops-overlay" $v.gitops.overlay) }}
{{- end }}
{{- end }}
{{- toJson $args }}
{{- end }}

{{/* The workspace claim of the executor and verifier pods, or "" for an emptyDir. */}}
{{- define "taskstream.workspaceClaim" -}}
{{- $p := .Values.workspace.persistence -}}
{{- if $p.enabled }}
{{- default (printf "%s-workspace" (include "taskstream.fullname" .)) $p.existingClaim }}
{{- end }}
{{- end }}
