/// The word lists behind generated MSP data: names, businesses, places, devices and ticket texts.
enum GeneratorVocabulary {
    static let firstNames = [
        "Sarah", "Tom", "Evelyn", "Amir", "Robert", "Lena", "Maria", "Kevin", "Alicia", "Jonah", "Chloe", "Dana",
        "Marcus", "Priya", "James", "Olivia", "Noah", "Emma", "Liam", "Sophia", "Ethan", "Ava", "Lucas", "Mia",
        "Daniel", "Grace", "Samuel", "Zoe", "Henry", "Nora", "Omar", "Fatima", "Hiro", "Yuki", "Carlos", "Lucia",
    ]
    static let lastNames = [
        "Okafor", "Reyes", "Maple", "Haddad", "Nguyen", "Brandt", "Santos", "Ibarra", "Moreno", "Finch", "Park",
        "Whitfield", "Lee", "Raman", "Johnson", "Garcia", "Miller", "Davis", "Martinez", "Wilson", "Anderson",
        "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Thompson", "White", "Lopez", "Clark", "Lewis", "Walker",
    ]
    static let businessStems = [
        "Northwind", "Harbor", "Summit", "Cedar", "Blue Ridge", "Maple & Finch", "Greenleaf", "Ironwood", "Silverline",
        "Pioneer", "Riverside", "Evergreen", "Granite", "Lakeside", "Copperfield", "Redwood", "Beacon", "Highland",
        "Orchard", "Bayview", "Westgate", "Sterling", "Willow Creek", "Falcon", "Keystone", "Meridian",
    ]
    static let businessKinds = [
        "Dental Group", "Logistics", "Law", "Veterinary Clinic", "Accounting", "Construction", "Realty",
        "Family Medicine",
        "Architects", "Print Co", "Brewing", "Auto Repair", "Insurance Agency", "Physical Therapy", "Engineering",
        "Credit Union", "Montessori School", "Property Management", "Chiropractic", "Landscaping",
    ]
    static let businessSuffixes = ["LLC", "Inc.", "", "", "PC", "Group", ""]
    static let streets = [
        "Main St", "Oak Ave", "NW Lovejoy St", "SE Division St", "Broadway", "Pine St", "Market St", "Mill Plain Blvd",
        "Elm St", "Lake Rd", "Commerce Way", "Industrial Pkwy", "River Rd", "2nd Ave", "Cedar Ln",
    ]
    static let cities: [(city: String, state: String, zip: String, area: String)] = [
        ("Portland", "OR", "97205", "503"), ("Tacoma", "WA", "98421", "253"), ("Vancouver", "WA", "98661", "360"),
        ("Bend", "OR", "97701", "541"), ("Seattle", "WA", "98104", "206"), ("Boise", "ID", "83702", "208"),
        ("Spokane", "WA", "99201", "509"), ("Salem", "OR", "97301", "503"), ("Eugene", "OR", "97401", "541"),
        ("Sacramento", "CA", "95814", "916"),
    ]
    static let customerTags = [
        "Managed Services", "Break-Fix", "Healthcare", "HIPAA", "Legal", "VIP", "Retail", "Non-Profit",
        "Manufacturing", "After-Hours Support", "Co-Managed",
    ]
    static let contractTiers = ["Gold", "Silver", "Bronze", "Break-Fix"]
    static let titles = [
        "Office Manager", "Owner", "Practice Manager", "Operations Director", "Front Desk", "Controller", "IT Contact",
        "Partner",
    ]
    static let techs: [(name: String, group: String, admin: Bool, color: String)] = [
        ("Dana Whitfield", "Admins", true, "1e3e96"), ("Marcus Lee", "Technicians", false, "55b932"),
        ("Priya Raman", "Technicians", false, "c2185b"), ("Sam Ortega", "Technicians", false, "ef6c00"),
        ("Jordan Blake", "Technicians", false, "00897b"), ("Riley Chen", "Dispatch", false, "6d4c41"),
        ("Avery Stone", "Technicians", false, "3949ab"), ("Casey Morgan", "Admins", true, "8e24aa"),
    ]
    static let assetTypes: [(type: String, prefix: String, models: [String])] = [
        ("Laptop", "LT", ["ThinkPad T14 Gen 4", "Dell Latitude 5440", "HP EliteBook 840 G10", "MacBook Air M3"]),
        ("Desktop", "WS", ["Dell OptiPlex 7010", "HP ProDesk 600 G6", "Lenovo ThinkCentre M70q"]),
        ("Server", "SRV", ["Dell PowerEdge R650", "HPE ProLiant DL380 Gen10"]),
        ("Firewall", "FW", ["FortiGate 60F", "SonicWall TZ370", "Meraki MX68"]),
        ("Switch", "SW", ["Cisco SG350X-48P", "UniFi Switch 24 PoE", "Aruba 2930F"]),
        ("Printer", "PRN", ["HP LaserJet Pro M404dn", "Brother HL-L6200DW", "Canon imageRUNNER C3226"]),
        ("Wireless Access Point", "AP", ["UniFi U6 Lite", "Meraki MR36", "Aruba AP-505"]),
    ]
    static let operatingSystems = ["Windows 11 Pro", "Windows 10 Pro", "macOS 15 Sequoia", "Windows 11 Enterprise"]
    static let serverSystems = ["Windows Server 2022", "Windows Server 2019", "Ubuntu 22.04 LTS"]
    static let ticketSubjects: [(subject: String, problem: String)] = [
        ("Outlook keeps asking for password", "Software"), ("Printer jams on label stock", "Hardware"),
        ("Server slow every morning", "Hardware"), ("Phishing email reported", "Virus"),
        ("New hire laptop setup", "Hardware"), ("Wi-Fi drops near loading dock", "Hardware"),
        ("Cannot scan to email from copier", "Other"), ("VPN will not connect from home", "Software"),
        ("Quarterly firewall firmware update", "TuneUp"), ("Add user to shared mailbox", "Software"),
        ("Laptop battery swelling", "Hardware"), ("QuickBooks company file locked", "Software"),
        ("Ransomware alert from antivirus", "Virus"), ("Monitor flickering", "Hardware"),
        ("Offboard departing employee", "Other"), ("Teams calls dropping", "Software"),
        ("Backup job failed overnight", "Software"), ("Disk space low on file server", "TuneUp"),
        ("Password reset request", "Other"), ("Install Adobe Acrobat Pro", "Software"),
    ]
    static let descriptions = [
        "Started this morning and is affecting the whole front office.",
        "Happens a few times an hour; restarting helps for a while.",
        "Please take a look when you can, it is not urgent.",
        "We need this done before Monday.",
        "Error message says the connection was reset by the server.",
        "Two people have reported the same thing since yesterday.",
    ]
    static let techUpdates = [
        "Remoted in and reproduced the issue; collecting logs.",
        "Applied the latest updates and rebooted; monitoring.",
        "Ordered a replacement part, ETA three business days.",
        "Scheduled an onsite visit for tomorrow morning.",
        "Reset the profile and verified with the user.",
        "Escalated to the vendor; case number in the private notes.",
    ]
    static let privateNotes = [
        "Local admin password rotated; new one in the vault.",
        "Vendor case opened, reference in PSA notes.",
        "Customer is on the Gold tier; no charge for this visit.",
        "Suspect the switch port; check PoE budget next visit.",
        "BitLocker recovery key escrowed to Entra ID.",
    ]
    static let customerReplies = [
        "Thanks, that fixed it!", "It happened again this afternoon.", "Tomorrow at 9 works for us.",
        "Is there anything we need to do on our side?", "Approved, please go ahead.",
    ]
    static let ticketTags = [
        "printer", "network", "security", "onboarding", "email", "backup", "hardware", "vip", "recurring",
    ]
    static let products:
        [(name: String, category: String, cost: String, retail: String, vendor: String, stocked: Bool)] = [
            ("Managed Services - Per Device", "Services", "0.00", "45.00", "Internal", false),
            ("Labor - Onsite Hourly", "Labor", "0.00", "150.00", "Internal", false),
            ("Labor - Remote Hourly", "Labor", "0.00", "125.00", "Internal", false),
            ("Ubiquiti UniFi U6 Lite Access Point", "Hardware/Networking", "89.00", "139.00", "Ubiquiti", true),
            ("Dell Latitude 5440 Laptop", "Hardware/Computers", "912.50", "1249.00", "Dell", true),
            ("Microsoft 365 Business Premium", "Software/Subscriptions", "22.00", "26.40", "Pax8", false),
            ("Samsung 870 EVO 1TB SSD", "Hardware/Parts", "64.99", "109.00", "Ingram Micro", true),
            ("APC Back-UPS 1500VA", "Hardware/Power", "159.00", "229.00", "Ingram Micro", true),
            ("Datto Backup Appliance Subscription", "Services", "95.00", "175.00", "Datto", false),
            ("Cat6 Patch Cable 7ft", "Hardware/Networking", "2.10", "9.00", "Monoprice", true),
        ]
    static let vendors: [(name: String, notes: String)] = [
        ("Ingram Micro", "Net 30; order before 3 pm for next-day delivery."),
        ("TD SYNNEX", "Use the MSP portal for quotes."), ("Pax8", "Monthly subscriptions only."),
        ("Dell Technologies", "Premier account; warranty claims by phone."),
        ("Ubiquiti Store", "Card on file; no net terms."), ("Monoprice", "Cables and small parts."),
        ("CDW", "Rep handles volume pricing."), ("Amazon Business", "Emergency parts; tax-exempt on file."),
    ]
    static let estimateTopics = [
        "Firewall replacement", "Laptop refresh (5 units)", "Wi-Fi upgrade", "Server migration to Microsoft 365",
        "Backup appliance install", "Network cabling for new office", "Security awareness training",
    ]
    static let rmmChecks: [(id: Int, description: String, output: String)] = [
        (101, "Low Hd Space Trigger", "C: has 4.2 GB free of 237 GB (1.8%)."),
        (102, "Agent Offline Trigger", "The agent has not checked in for 45 minutes."),
        (103, "Windows Update Failure", "KB5034441 failed to install (0x80070643)."),
        (104, "Antivirus Threat Detected", "Quarantined Trojan:Win32/Wacatac.B!ml in Downloads."),
        (105, "Backup Failure", "The nightly image job ended with errors."),
        (106, "SMART Failure", "Drive 0 reports reallocated sectors above threshold."),
    ]
    static let wikiTitles = [
        "New client onboarding checklist", "Offboarding an employee", "Firewall firmware update procedure",
        "Microsoft 365 license assignment", "Printer driver deployment", "After-hours escalation contacts",
        "Backup restore test", "VPN client setup", "Password rotation policy", "Onsite visit etiquette",
        "Asset tagging standard", "Ticket triage guidelines",
    ]
}
