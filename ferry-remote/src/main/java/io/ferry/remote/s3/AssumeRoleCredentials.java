package io.ferry.remote.s3;

/**
 * A profile's {@code role_arn} assumed with STS AssumeRole, signed by the credentials of its
 * {@code source_profile} or {@code credential_source}, which are asked again for every refresh.
 * {@code external_id}, {@code duration_seconds} and {@code role_session_name} are passed on.
 */
final class AssumeRoleCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider sourceCredentials;
    private final AwsProfile profile;
    private final Sts sts;
    private final String source;

    AssumeRoleCredentials(AwsCredentialsProvider sourceCredentials, AwsProfile profile, Sts sts) {
        this.sourceCredentials = sourceCredentials;
        this.profile = profile;
        this.sts = sts;
        this.source = "role " + profile.value("role_arn") + " of profile " + profile.name() + " (" + profile.sectionOf("role_arn")
                + "), assumed with " + sourceCredentials.describe();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String sessionName = profile.value("role_session_name");
        return sts.assumeRole(sourceCredentials.resolveCredentials(), profile.value("role_arn"),
                sessionName != null ? sessionName : "ferry-" + System.currentTimeMillis(), profile.value("external_id"),
                profile.value("duration_seconds"), source);
    }

    @Override
    public String describe() {
        return source;
    }
}
