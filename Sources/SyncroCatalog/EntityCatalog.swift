/// The entity catalog: for every entity, what Syncro documents about its endpoint and what an export writes.
///
/// Sources: Syncro's OpenAPI document (paths, list keys, the "Required permission" of each operation, `meta` keys
/// and field types of the examples) and, where live accounts contradict it, what they showed (default page sizes).
/// The exporter, the incremental state, `check --entities`, the converter and the simulator's
/// routes all read this table; adding an entity is one entry here, plus its generator in the simulator.
extension ExportEntity {
    package var definition: EntityDefinition {
        switch self {
        case .tickets:
            EntityDefinition(
                recordName: "ticket", source: .ticketsWithDetails, path: "/tickets", listKey: "tickets",
                detailPath: "/tickets/{id}", detailKey: "ticket", permissions: [SyncroPermission.ticketsList],
                pageSize: 50, meta: [.totalPages, .page], incrementalFilter: "since_updated_at",
                columns: [
                    CSVColumn("id", .number), CSVColumn("number", .number), CSVColumn("subject"), CSVColumn("status"),
                    CSVColumn("priority"), CSVColumn("problem_type"), CSVColumn("customer_id", .number),
                    CSVColumn("customer_business_then_name"), CSVColumn("contact_id", .number),
                    CSVColumn("contact_fullname"), CSVColumn("user_id", .number), CSVColumn("ticket_type_id", .number),
                    CSVColumn("ticket_type_name"), CSVColumn("location_id", .number), CSVColumn("location_name"),
                    CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("due_date"), CSVColumn("start_at"),
                    CSVColumn("end_at"), CSVColumn("resolved_at"), CSVColumn("billing_status"), CSVColumn("sla_name"),
                    CSVColumn("parent_id", .number), CSVColumn("tag_list", .json),
                    CSVColumn("customer_tag_list", .json), CSVColumn("asset_ids", .json),
                    CSVColumn("attachments", .json),
                ],
                hasCustomFields: true
            )
        case .comments:
            EntityDefinition(
                recordName: "comment", source: .ticketComments, path: "/tickets/{ticket_id}/comments",
                listKey: "comments", permissions: [SyncroPermission.ticketsView, SyncroPermission.ticketsViewTheirs],
                pageSize: 10, meta: [.totalPages, .page, .perPage], parent: .tickets,
                columns: [
                    CSVColumn("id", .number), CSVColumn("ticket_id", .number), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("subject"), CSVColumn("body"), CSVColumn("tech"),
                    CSVColumn("hidden", .boolean), CSVColumn("user_id", .number),
                    CSVColumn("is_rich_text", .boolean),
                ]
            )
        case .customers:
            EntityDefinition(
                recordName: "customer", path: "/customers", listKey: "customers",
                query: [("include_disabled", "true")], detailPath: "/customers/{id}", detailKey: "customer",
                permissions: [SyncroPermission.customersList], pageSize: 100,
                meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("business_name"), CSVColumn("firstname"),
                    CSVColumn("lastname"), CSVColumn("fullname"), CSVColumn("email"), CSVColumn("phone"),
                    CSVColumn("mobile"), CSVColumn("address"), CSVColumn("address_2"), CSVColumn("city"),
                    CSVColumn("state"), CSVColumn("zip"), CSVColumn("notes"), CSVColumn("disabled", .boolean),
                    CSVColumn("opt_out", .boolean), CSVColumn("no_email", .boolean), CSVColumn("get_sms", .boolean),
                    CSVColumn("referred_by"), CSVColumn("created_at"), CSVColumn("updated_at"),
                    CSVColumn("tag_list", .json),
                ],
                hasCustomFields: true
            )
        case .contacts:
            EntityDefinition(
                recordName: "contact", path: "/contacts", listKey: "contacts", detailPath: "/contacts/{id}",
                permissions: [SyncroPermission.customersView], pageSize: 50,
                meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("customer_id", .number), CSVColumn("name"), CSVColumn("email"),
                    CSVColumn("phone"), CSVColumn("mobile"), CSVColumn("address1"), CSVColumn("address2"),
                    CSVColumn("city"), CSVColumn("state"), CSVColumn("zip"), CSVColumn("notes"),
                    CSVColumn("opt_out", .boolean), CSVColumn("created_at"), CSVColumn("updated_at"),
                ],
                hasCustomFields: true
            )
        case .assets:
            EntityDefinition(
                recordName: "asset", path: "/customer_assets", listKey: "assets",
                detailPath: "/customer_assets/{id}", detailKey: "asset", permissions: [SyncroPermission.assetsList],
                pageSize: 50, meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("customer_id", .number), CSVColumn("contact_id", .number),
                    CSVColumn("name"), CSVColumn("asset_type"), CSVColumn("asset_serial"),
                    CSVColumn("external_rmm_link"), CSVColumn("created_at"), CSVColumn("updated_at"),
                ],
                hasCustomFields: true
            )
        case .tags:
            EntityDefinition(
                recordName: "tag", source: .derivedTags,
                columns: [
                    CSVColumn("entity_type"), CSVColumn("entity_id", .number), CSVColumn("tag"), CSVColumn("source"),
                ]
            )
        case .users:
            EntityDefinition(
                recordName: "user", source: .userPairs, path: "/users", listKey: "users", detailPath: "/users/{id}",
                detailKey: "user", honoursPerPage: false,
                columns: [
                    CSVColumn("id", .number), CSVColumn("name"), CSVColumn("full_name"), CSVColumn("email"),
                    CSVColumn("group"), CSVColumn("admin", .boolean), CSVColumn("color"), CSVColumn("created_at"),
                    CSVColumn("updated_at"),
                ]
            )
        case .products:
            EntityDefinition(
                recordName: "product", path: "/products", listKey: "products", detailPath: "/products/{id}",
                detailKey: "product", permissions: [SyncroPermission.productsList], pageSize: 25,
                meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("name"), CSVColumn("description"),
                    CSVColumn("product_category"), CSVColumn("upc_code"), CSVColumn("price_cost", .number),
                    CSVColumn("price_retail", .number), CSVColumn("price_wholesale", .number),
                    CSVColumn("quantity", .number), CSVColumn("taxable", .boolean), CSVColumn("disabled", .boolean),
                    CSVColumn("maintain_stock", .boolean), CSVColumn("serialized", .boolean), CSVColumn("notes"),
                ]
            )
        case .invoices:
            EntityDefinition(
                recordName: "invoice", path: "/invoices", listKey: "invoices", detailPath: "/invoices/{id}",
                permissions: [SyncroPermission.invoicesList], detailPermissions: [SyncroPermission.invoicesView],
                pageSize: 25, meta: [.totalPages, .page],
                incrementalFilter: "since_updated_at",
                columns: [
                    CSVColumn("id", .number), CSVColumn("customer_id", .number),
                    CSVColumn("customer_business_then_name"), CSVColumn("number"), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("date"), CSVColumn("due_date"), CSVColumn("subtotal"),
                    CSVColumn("total"), CSVColumn("tax"), CSVColumn("verified_paid", .boolean),
                    CSVColumn("tech_marked_paid", .boolean), CSVColumn("ticket_id", .number), CSVColumn("pdf_url"),
                    CSVColumn("is_paid", .boolean), CSVColumn("location_id", .number), CSVColumn("po_number"),
                    CSVColumn("contact_id", .number), CSVColumn("note"), CSVColumn("hardwarecost", .number),
                    CSVColumn("user_id", .number),
                ],
                seed: .per(.tickets, percent: 30)
            )
        case .invoiceLineItems:
            EntityDefinition(
                recordName: "line_item", path: "/line_items", listKey: "line_items",
                query: [("invoice_id_not_null", "true")], permissions: [SyncroPermission.globalAdmin],
                pageSize: 100, meta: [.totalPages, .totalEntries, .perPage, .page], parent: .invoices,
                columns: lineItemColumns,
                seed: .per(.invoices, percent: 200)
            )
        case .estimates:
            EntityDefinition(
                recordName: "estimate", path: "/estimates", listKey: "estimates", detailPath: "/estimates/{id}",
                detailKey: "estimate", permissions: [SyncroPermission.estimatesList],
                detailPermissions: [SyncroPermission.estimatesView], pageSize: 50,
                meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("customer_id", .number),
                    CSVColumn("customer_business_then_name"), CSVColumn("name"), CSVColumn("number"),
                    CSVColumn("status"), CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("date"),
                    CSVColumn("subtotal"), CSVColumn("total"), CSVColumn("tax"), CSVColumn("ticket_id", .number),
                    CSVColumn("pdf_url"), CSVColumn("location_id", .number), CSVColumn("invoice_id", .number),
                    CSVColumn("employee"),
                ],
                seed: .per(.customers, percent: 40)
            )
        case .estimateLineItems:
            EntityDefinition(
                recordName: "line_item", path: "/line_items", listKey: "line_items",
                query: [("estimate_id_not_null", "true")], permissions: [SyncroPermission.globalAdmin],
                pageSize: 100, meta: [.totalPages, .totalEntries, .perPage, .page], parent: .estimates,
                columns: lineItemColumns,
                seed: .per(.estimates, percent: 200)
            )
        case .payments:
            EntityDefinition(
                recordName: "payment", path: "/payments", listKey: "payments", detailPath: "/payments/{id}",
                detailKey: "payment", permissions: [SyncroPermission.paymentsList], pageSize: 25,
                meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("created_at"), CSVColumn("updated_at"),
                    CSVColumn("success", .boolean), CSVColumn("payment_amount", .number),
                    CSVColumn("invoice_ids", .json), CSVColumn("ref_num"), CSVColumn("applied_at"),
                    CSVColumn("payment_method"), CSVColumn("transaction_response"), CSVColumn("signature_date"),
                    CSVColumn("customer", .json),
                ],
                seed: .per(.invoices, percent: 60)
            )
        case .ticketTimers:
            EntityDefinition(
                recordName: "ticket_timer", path: "/ticket_timers", listKey: "ticket_timers",
                permissions: [SyncroPermission.ticketTimersOverview], pageSize: 100, meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("ticket_id", .number), CSVColumn("user_id", .number),
                    CSVColumn("start_time"), CSVColumn("end_time"), CSVColumn("recorded", .boolean),
                    CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("billable", .boolean),
                    CSVColumn("notes"), CSVColumn("toggl_id", .number), CSVColumn("product_id", .number),
                    CSVColumn("comment_id", .number), CSVColumn("ticket_line_item_id", .number),
                    CSVColumn("active_duration", .number), CSVColumn("billable_time", .number),
                    CSVColumn("billable_override", .number),
                ],
                seed: .per(.tickets, percent: 50)
            )
        case .timelogs:
            EntityDefinition(
                recordName: "timelog", path: "/timelogs", listKey: "timelogs",
                scope: EntityDefinition.Scope(
                    permission: SyncroPermission.timelogsManage, without: "only the token's own time clock entries"),
                pageSize: nil, honoursPerPage: false,
                columns: [
                    CSVColumn("id", .number), CSVColumn("in_at"), CSVColumn("out_at"), CSVColumn("account_id", .number),
                    CSVColumn("user_id", .number), CSVColumn("in_note"), CSVColumn("out_note"),
                    CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("lunch", .boolean),
                    CSVColumn("manually_updated", .boolean),
                ],
                seed: .per(.users, percent: 500)
            )
        case .appointments:
            EntityDefinition(
                recordName: "appointment", path: "/appointments", listKey: "appointments", itemKey: "appointment",
                detailPath: "/appointments/{id}",
                scope: EntityDefinition.Scope(
                    permission: SyncroPermission.appointmentsViewAll, without: "only the token's own appointments"),
                pageSize: 25,
                columns: [
                    CSVColumn("id", .number), CSVColumn("summary"), CSVColumn("description"),
                    CSVColumn("customer_id", .number), CSVColumn("created_at"), CSVColumn("updated_at"),
                    CSVColumn("start_at"), CSVColumn("end_at"), CSVColumn("duration", .number),
                    CSVColumn("location"), CSVColumn("ticket_id", .number), CSVColumn("appointment_location_type"),
                    CSVColumn("start_at_label"), CSVColumn("all_day", .boolean), CSVColumn("ticket", .json),
                    CSVColumn("do_not_email"), CSVColumn("customer", .json),
                ],
                seed: .per(.tickets, percent: 10)
            )
        case .contracts:
            EntityDefinition(
                recordName: "contract", path: "/contracts", listKey: "contracts", detailPath: "/contracts/{id}",
                permissions: [SyncroPermission.contractsList], pageSize: 50,
                meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("account_id", .number), CSVColumn("customer_id", .number),
                    CSVColumn("name"), CSVColumn("contract_amount"), CSVColumn("start_date"), CSVColumn("end_date"),
                    CSVColumn("primary_contact"), CSVColumn("description"), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("status"), CSVColumn("likelihood", .number),
                    CSVColumn("apply_to_all", .boolean), CSVColumn("sla_id", .number),
                ],
                seed: .per(.customers, percent: 20)
            )
        case .leads:
            EntityDefinition(
                recordName: "lead", path: "/leads", listKey: "leads", detailPath: "/leads/{id}", detailKey: "lead",
                permissions: [SyncroPermission.leadsList], pageSize: 25,
                meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("first_name"), CSVColumn("last_name"), CSVColumn("email"),
                    CSVColumn("phone"), CSVColumn("mobile"), CSVColumn("created_at"), CSVColumn("updated_at"),
                    CSVColumn("address"), CSVColumn("city"), CSVColumn("state"), CSVColumn("zip"),
                    CSVColumn("ticket_subject"), CSVColumn("ticket_description"), CSVColumn("ticket_problem_type"),
                    CSVColumn("ticket_id", .number), CSVColumn("customer_id", .number),
                    CSVColumn("contact_id", .number), CSVColumn("mailbox_id", .number), CSVColumn("mailbox_name"),
                    CSVColumn("business_then_name"), CSVColumn("has_attachments", .boolean),
                    CSVColumn("message_read", .boolean), CSVColumn("status"), CSVColumn("user_id", .number),
                    CSVColumn("location_id", .number),
                ],
                seed: .per(.customers, percent: 30)
            )
        case .vendors:
            EntityDefinition(
                recordName: "vendor", path: "/vendors", listKey: "vendors", detailPath: "/vendors/{id}",
                detailKey: "vendor", permissions: [SyncroPermission.vendorsList], pageSize: 100,
                columns: [
                    CSVColumn("id", .number), CSVColumn("name"), CSVColumn("rep_first_name"),
                    CSVColumn("rep_last_name"), CSVColumn("email"), CSVColumn("phone"), CSVColumn("account_number"),
                    CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("address"), CSVColumn("city"),
                    CSVColumn("state"), CSVColumn("zip"), CSVColumn("website"), CSVColumn("notes"),
                ],
                seed: .fixed(8)
            )
        case .purchaseOrders:
            EntityDefinition(
                recordName: "purchase_order", path: "/purchase_orders", listKey: "purchase_orders",
                detailPath: "/purchase_orders/{id}", detailKey: "purchase_order",
                permissions: [SyncroPermission.purchaseOrdersList], pageSize: 20,
                columns: [
                    CSVColumn("id", .number), CSVColumn("account_subdomain"), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("expected_date"), CSVColumn("number"),
                    CSVColumn("other", .number), CSVColumn("shipping", .number), CSVColumn("shipping_notes"),
                    CSVColumn("status"), CSVColumn("total", .number), CSVColumn("user_id", .number),
                    CSVColumn("vendor_id", .number), CSVColumn("location_id", .number), CSVColumn("due_date"),
                    CSVColumn("paid_date"), CSVColumn("delivery_tracking"), CSVColumn("vendor", .json),
                    CSVColumn("location", .json), CSVColumn("line_items", .json),
                ],
                seed: .per(.vendors, percent: 300)
            )
        case .partsOrders:
            EntityDefinition(
                recordName: "parts_order", path: "/items", listKey: "items", detailPath: "/items/{id}",
                detailKey: "item", permissions: [SyncroPermission.partsOrdersList], pageSize: 50,
                meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("requestedon"), CSVColumn("ticketnum"), CSVColumn("parturl"),
                    CSVColumn("shipping"), CSVColumn("deststore"), CSVColumn("orderedby"), CSVColumn("orderedon"),
                    CSVColumn("trackingnum"), CSVColumn("receivedon"), CSVColumn("price"),
                    CSVColumn("account_id", .number), CSVColumn("description"),
                    CSVColumn("destination_location_id", .number), CSVColumn("from_location_id", .number),
                    CSVColumn("from_name"), CSVColumn("received_at"), CSVColumn("user_id", .number),
                    CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("due_at"),
                    CSVColumn("ticket_id", .number), CSVColumn("logistic_state"), CSVColumn("product_id", .number),
                    CSVColumn("quantity", .number), CSVColumn("round_trip", .boolean), CSVColumn("trip_leg"),
                    CSVColumn("retail_cents", .number), CSVColumn("taxable", .boolean),
                    CSVColumn("converted", .boolean), CSVColumn("notes"), CSVColumn("refurb_id", .number),
                    CSVColumn("invoice_id", .number),
                ],
                seed: .per(.tickets, percent: 5)
            )
        case .portalUsers:
            EntityDefinition(
                recordName: "portal_user", path: "/portal_users", listKey: "portal_users",
                permissions: [SyncroPermission.globalAdmin], pageSize: 100,
                meta: [.totalPages, .totalEntries, .perPage, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("email"), CSVColumn("account_id", .number),
                    CSVColumn("customer_id", .number), CSVColumn("contact_id", .number), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("portal_group_id", .number),
                ],
                seed: .per(.customers, percent: 40)
            )
        case .rmmAlerts:
            EntityDefinition(
                recordName: "rmm_alert", path: "/rmm_alerts", listKey: "rmm_alerts", detailPath: "/rmm_alerts/{id}",
                detailKey: "rmm_alert", permissions: [SyncroPermission.rmmAlertsList], pageSize: 25,
                meta: [.totalPages, .page],
                columns: [
                    CSVColumn("id", .number), CSVColumn("customer_id", .number), CSVColumn("ticket_number"),
                    CSVColumn("ticket_status"), CSVColumn("computer_name"), CSVColumn("properties", .json),
                    CSVColumn("resolved", .boolean), CSVColumn("check_id", .number), CSVColumn("status"),
                    CSVColumn("formatted_output"), CSVColumn("description"), CSVColumn("created_at"),
                    CSVColumn("updated_at"), CSVColumn("asset_id", .number),
                ],
                seed: .per(.assets, percent: 30)
            )
        case .wikiPages:
            EntityDefinition(
                recordName: "wiki_page", path: "/wiki_pages", listKey: "wiki_pages", detailPath: "/wiki_pages/{id}",
                detailKey: "wiki_page", permissions: [SyncroPermission.documentationUsage], pageSize: 100,
                columns: [
                    CSVColumn("id", .number), CSVColumn("account_id", .number), CSVColumn("name"), CSVColumn("slug"),
                    CSVColumn("body"), CSVColumn("interpolated_body"),
                ],
                seed: .fixed(12)
            )
        }
    }

    /// The columns of `GET /line_items` rows, whose parent is an invoice or an estimate.
    private var lineItemColumns: [CSVColumn] {
        [
            CSVColumn("id", .number), CSVColumn("created_at"), CSVColumn("updated_at"),
            CSVColumn("invoice_id", .number), CSVColumn("estimate_id", .number),
            CSVColumn("item"), CSVColumn("name"), CSVColumn("cost"), CSVColumn("price"), CSVColumn("quantity"),
            CSVColumn("product_id", .number), CSVColumn("taxable", .boolean), CSVColumn("discount_percent"),
            CSVColumn("position", .number), CSVColumn("invoice_bundle_id", .number), CSVColumn("discount_dollars"),
        ]
    }
}
