import RecordFormats
import SyncroCatalog

/// The shapes of the records the simulator serves from the catalog's definitions, in the key order of each list
/// endpoint's OpenAPI example. Every default is null (or an empty array or map), so a record that lacks a field
/// still answers with every documented key; the generator builds its records through the same shapes.
extension SyncroShapes {
    /// The shape of `entity`'s records (both kinds of line item share one).
    package static func record(_ entity: ExportEntity) -> RecordShape {
        switch entity {
        case .invoices: invoice
        case .invoiceLineItems, .estimateLineItems: lineItem
        case .estimates: estimate
        case .payments: payment
        case .ticketTimers: ticketTimer
        case .timelogs: timelog
        case .appointments: appointment
        case .contracts: contract
        case .leads: lead
        case .vendors: vendor
        case .purchaseOrders: purchaseOrder
        case .partsOrders: partsOrder
        case .portalUsers: portalUser
        case .rmmAlerts: rmmAlert
        case .wikiPages: wikiPage
        case .tickets: ticketRow
        case .comments: comment
        case .customers: customer
        case .contacts: contact
        case .assets: asset
        case .users: user
        case .products: product
        case .tags: RecordShape([:])
        }
    }

    /// `GET /invoices/{id}` (flat): the row plus `date_received`, the customer, the line items and the payments.
    /// The row's `customer_id`, which the example omits, stays.
    package static let invoiceDetail = invoice.adding(
        ["date_received": nil, "customer": nil, "line_items": [], "payments": []])

    /// An invoice row of `GET /invoices`.
    package static let invoice = RecordShape([
        "id": nil, "customer_id": nil, "customer_business_then_name": nil, "number": nil, "created_at": nil,
        "updated_at": nil, "date": nil, "due_date": nil, "subtotal": nil, "total": nil, "tax": nil,
        "verified_paid": nil, "tech_marked_paid": nil, "ticket_id": nil, "pdf_url": nil, "is_paid": nil,
        "location_id": nil, "po_number": nil, "contact_id": nil, "note": nil, "hardwarecost": nil, "user_id": nil,
    ])

    /// A row of `GET /line_items`, an invoice's or an estimate's: the example shows an invoice's item, and
    /// `estimate_id` (the catalog's column, which the `estimate_id` filter reads) follows `invoice_id`.
    package static let lineItem = RecordShape([
        "id": nil, "created_at": nil, "updated_at": nil, "invoice_id": nil, "estimate_id": nil, "item": nil,
        "name": nil, "cost": nil, "price": nil, "quantity": nil, "product_id": nil, "taxable": nil,
        "discount_percent": nil, "position": nil, "invoice_bundle_id": nil, "discount_dollars": nil,
    ])

    /// An estimate, in `GET /estimates` rows and inside `{"estimate": …}`.
    package static let estimate = RecordShape([
        "id": nil, "customer_id": nil, "customer_business_then_name": nil, "name": nil, "number": nil, "status": nil,
        "created_at": nil, "updated_at": nil, "date": nil, "subtotal": nil, "total": nil, "tax": nil,
        "ticket_id": nil, "pdf_url": nil, "location_id": nil, "invoice_id": nil, "employee": nil,
    ])

    /// A payment, with its customer embedded.
    package static let payment = RecordShape([
        "id": nil, "created_at": nil, "updated_at": nil, "success": nil, "payment_amount": nil, "invoice_ids": [],
        "ref_num": nil, "applied_at": nil, "payment_method": nil, "transaction_response": nil, "signature_date": nil,
        "customer": nil,
    ])

    /// A ticket timer of `GET /ticket_timers`.
    package static let ticketTimer = RecordShape([
        "id": nil, "ticket_id": nil, "user_id": nil, "start_time": nil, "end_time": nil, "recorded": nil,
        "created_at": nil, "updated_at": nil, "billable": nil, "notes": nil, "toggl_id": nil, "product_id": nil,
        "comment_id": nil, "ticket_line_item_id": nil, "active_duration": nil, "billable_time": nil,
        "billable_override": nil,
    ])

    /// A time clock entry of `GET /timelogs`.
    package static let timelog = RecordShape([
        "id": nil, "in_at": nil, "out_at": nil, "account_id": nil, "user_id": nil, "in_note": nil, "out_note": nil,
        "created_at": nil, "updated_at": nil, "lunch": nil, "manually_updated": nil,
    ])

    /// An appointment (inside `{"appointment": …}` in list rows), with its customer embedded.
    package static let appointment = RecordShape([
        "id": nil, "summary": nil, "description": nil, "customer_id": nil, "created_at": nil, "updated_at": nil,
        "start_at": nil, "end_at": nil, "duration": nil, "location": nil, "ticket_id": nil,
        "appointment_location_type": nil, "start_at_label": nil, "all_day": nil, "ticket": nil, "do_not_email": nil,
        "customer": nil,
    ])

    /// A contract, flat in its detail.
    package static let contract = RecordShape([
        "id": nil, "account_id": nil, "customer_id": nil, "name": nil, "contract_amount": nil, "start_date": nil,
        "end_date": nil, "primary_contact": nil, "description": nil, "created_at": nil, "updated_at": nil,
        "status": nil, "likelihood": nil, "apply_to_all": nil, "sla_id": nil,
    ])

    /// A lead.
    package static let lead = RecordShape([
        "id": nil, "first_name": nil, "last_name": nil, "email": nil, "phone": nil, "mobile": nil, "created_at": nil,
        "updated_at": nil, "address": nil, "city": nil, "state": nil, "zip": nil, "ticket_subject": nil,
        "ticket_description": nil, "ticket_problem_type": nil, "ticket_id": nil, "customer_id": nil,
        "contact_id": nil, "mailbox_id": nil, "mailbox_name": nil, "business_then_name": nil, "has_attachments": nil,
        "message_read": nil, "status": nil, "user_id": nil, "location_id": nil,
    ])

    /// A vendor, also embedded in purchase orders.
    package static let vendor = RecordShape([
        "id": nil, "name": nil, "rep_first_name": nil, "rep_last_name": nil, "email": nil, "phone": nil,
        "account_number": nil, "created_at": nil, "updated_at": nil, "address": nil, "city": nil, "state": nil,
        "zip": nil, "website": nil, "notes": nil,
    ])

    /// A purchase order, with its vendor embedded.
    package static let purchaseOrder = RecordShape([
        "id": nil, "account_subdomain": nil, "created_at": nil, "updated_at": nil, "expected_date": nil,
        "number": nil, "other": nil, "shipping": nil, "shipping_notes": nil, "status": nil, "total": nil,
        "user_id": nil, "vendor_id": nil, "location_id": nil, "due_date": nil, "paid_date": nil,
        "delivery_tracking": nil, "vendor": nil, "location": nil, "line_items": [],
    ])

    /// A parts order of `GET /items`.
    package static let partsOrder = RecordShape([
        "id": nil, "requestedon": nil, "ticketnum": nil, "parturl": nil, "shipping": nil, "deststore": nil,
        "orderedby": nil, "orderedon": nil, "trackingnum": nil, "receivedon": nil, "price": nil, "account_id": nil,
        "description": nil, "destination_location_id": nil, "from_location_id": nil, "from_name": nil,
        "received_at": nil, "user_id": nil, "created_at": nil, "updated_at": nil, "due_at": nil, "ticket_id": nil,
        "logistic_state": nil, "product_id": nil, "quantity": nil, "round_trip": nil, "trip_leg": nil,
        "retail_cents": nil, "taxable": nil, "converted": nil, "notes": nil, "refurb_id": nil, "invoice_id": nil,
    ])

    /// A customer portal user.
    package static let portalUser = RecordShape([
        "id": nil, "email": nil, "account_id": nil, "customer_id": nil, "contact_id": nil, "created_at": nil,
        "updated_at": nil, "portal_group_id": nil,
    ])

    /// An RMM alert.
    package static let rmmAlert = RecordShape([
        "id": nil, "customer_id": nil, "ticket_number": nil, "ticket_status": nil, "computer_name": nil,
        "properties": [:], "resolved": nil, "check_id": nil, "status": nil, "formatted_output": nil,
        "description": nil, "created_at": nil, "updated_at": nil, "asset_id": nil,
    ])

    /// A wiki page.
    package static let wikiPage = RecordShape([
        "id": nil, "account_id": nil, "name": nil, "slug": nil, "body": nil, "interpolated_body": nil,
    ])

}
