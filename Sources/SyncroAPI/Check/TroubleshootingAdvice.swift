/// The setup guide's troubleshooting advice, word for word, for each kind of failed check.
package enum TroubleshootingAdvice: String, Sendable, CaseIterable {
    case authenticationFailed = "Authentication Failed"
    case permissionDenied = "Permission Denied"
    case invalidSubdomain = "Invalid Subdomain"
    case network = "Network"

    /// The guide's bullet points for this failure.
    package var steps: [String] {
        switch self {
        case .authenticationFailed:
            [
                "Verify the API token was copied completely without extra characters",
                "Confirm the user account has the correct security group assigned",
                "Check that the subdomain is correct",
            ]
        case .permissionDenied:
            [
                "Review the security group permissions match those listed in Step 1.3",
                "Ensure the API token was generated with the correct custom permissions",
                "Verify the user account is active and not disabled",
            ]
        case .invalidSubdomain:
            [
                "Ensure there are no extra spaces or characters",
                "Verify the subdomain matches your actual Syncro URL",
            ]
        case .network:
            [
                "Check that this machine can reach the Syncro address (DNS, proxy, firewall)",
                "Run the check again; if it keeps failing, Syncro may be unavailable",
            ]
        }
    }
}
